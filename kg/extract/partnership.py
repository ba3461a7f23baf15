"""Partnerships: a named framework between two countries, normalised to the tiers of
``kg/patterns/partnership_levels.jsonl`` ("global" and "intégral(e)" both mean comprehensive).

The pair is read after the framework ("Vietnam-Chine", "entre A et B", "avec la Chine" plus the
other country of the sentence, "franco-vietnamien", a framework's long name closed by "entre A
et B"), else from "les deux pays"/"leur" (the sentence's pair, then the document's), else from
the countries of the two sides the sentence names as persons.  An upgrade ("rehausser leur relation au niveau de ...") is an event with a date.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from kg.extract.context import DocContext, country_actor, date_near, make_fact
from kg.extract.entities import SentenceMentions
from kg.lexicon import lexicon
from kg.model import Fact

_AFTER_PAIR = re.compile(r"^\s*[\"»]?\s*(?:entre\s+)?(?:le |la |l'|les )?$")
_DASH = re.compile(r"^\s*[-–]\s*(?:le |la |l'|les )?$")
_ENTRE = re.compile(r"^\s*[\"»]?\s*entre\s+(?:le |la |l'|les )?$")
_ET = re.compile(r"^\s+et\s+(?:le |la |l'|les )?$")
_AVEC = re.compile(r"(?:^|\s)avec\s+(?:le |la |l'|les )?$")
_UPGRADE = re.compile(
    r"\b(?:rehausser|rehausse|elever|eleve|porter|porte|hisser)\b[^.;]{0,60}\b(?:au niveau|au rang)\b"
)
_COMPOUND = re.compile(r"\s*(?:[\"»]\s*)?([a-z]+)-([a-z]+)\b")
_VERB = re.compile(r"\b(?:a|ont|est|sont|qui|que)\b|[;]")
_CONTEXT = re.compile(
    r"\b(?:deux (?:pays|dirigeants|parties|chefs d'etat|chefs de gouvernement)|leurs?|bilaterale?s?)\b"
)


def _pair_after(sm: SentenceMentions, end: int) -> tuple[str, str] | None:
    hits = [h for h in sm.countries if h.start >= end and h.kind == "name"]
    if not hits:
        return None
    first = hits[0]
    gap = sm.folded[end : first.start]
    if len(gap) > 12 or not _AFTER_PAIR.match(gap):
        return None
    if len(hits) >= 2:
        between = sm.folded[first.end : hits[1].start]
        if (_DASH.match(between) and not _ENTRE.match(gap)) or (
            _ENTRE.match(gap) and _ET.match(between)
        ):
            return first.iso2, hits[1].iso2
    return None


def _pair(
    ctx: DocContext, index: int, start: int, end: int, *, named: bool = False
) -> tuple[str, str] | None:
    sm = ctx.sentences[index]
    pair = _pair_after(sm, end)
    if pair:
        return pair
    for hit in sm.countries:
        if (
            hit.start >= end
            and hit.kind == "name"
            and _AVEC.search(sm.folded[end : hit.start])
            and (
                hit.start - end < 40
                or (hit.start - end < 90 and not _VERB.search(sm.folded[end : hit.start]))
            )
        ):
            others = [h.iso2 for h in sm.countries if h.iso2 != hit.iso2 and h.kind != "capital"]
            return (others[0] if others else "VN"), hit.iso2
    dashed = _dash_pairs(sm)
    if len(dashed) == 1:
        return dashed[0]
    pair = _compound_after(sm, end) or _between_after(sm, end)
    if pair:
        return pair
    if _CONTEXT.search(sm.folded):
        return ctx.pair_for(index)
    # a named framework ("Partenariat pour la croissance verte (P4G)") may be multilateral
    return None if named else _persons_pair(sm)


def _compound_after(sm: SentenceMentions, end: int) -> tuple[str, str] | None:
    """ "le partenariat stratégique global franco-vietnamien": a compound adjective of two
    countries right after the framework."""
    m = _COMPOUND.match(sm.folded, end)
    if not m:
        return None
    lex = lexicon()
    first = [r.iso2 for r in lex.country_forms.get(m.group(1) + "-", ())] or [
        r.iso2 for r in lex.country_forms.get(m.group(1), ()) if r.kind in ("demonym", "prefix")
    ]
    second = [r.iso2 for r in lex.country_forms.get(m.group(2), ()) if r.kind == "demonym"]
    if first and second and first[0] != second[0]:
        return first[0], second[0]
    return None


def _between_after(sm: SentenceMentions, end: int) -> tuple[str, str] | None:
    """ "le Partenariat stratégique global pour la paix et la prospérité en Asie ... entre le
    Vietnam et le Japon": "entre A et B" closing the framework's name, no verb between."""
    names = [h for h in sm.countries if h.start >= end and h.kind == "name"]
    for a, b in itertools.pairwise(names):
        gap = sm.folded[end : a.start]
        if (
            len(gap) <= 120
            and gap.rstrip().endswith(("entre", "entre le", "entre la", "entre l'", "entre les"))
            and not _VERB.search(gap)
            and _ET.match(sm.folded[a.end : b.start])
            and a.iso2 != b.iso2
        ):
            return a.iso2, b.iso2
    return None


def _persons_pair(sm: SentenceMentions) -> tuple[str, str] | None:
    """The two countries of the persons the sentence names, one of them Vietnam ("Lors de sa
    rencontre avec le secrétaire d'État américain X, Y a réaffirmé ... le partenariat")."""
    countries = list(
        dict.fromkeys(p.country for p in sm.persons if p.country and len(p.country) == 2)
    )
    if len(countries) == 2 and "VN" in countries:
        return countries[0], countries[1]
    return None


def _dash_pairs(sm: SentenceMentions) -> list[tuple[str, str]]:
    """Pairs written "Vietnam - Laos" / "Vietnam–Chine" anywhere in the sentence."""
    names = [h for h in sm.countries if h.kind == "name"]
    return [
        (a.iso2, b.iso2)
        for a, b in itertools.pairwise(names)
        if a.iso2 != b.iso2 and _DASH.match(sm.folded[a.end : b.start])
    ]


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every partnership of the document, in order of appearance."""
    for index, sm in enumerate(ctx.sentences):
        taken: list[tuple[int, int]] = []
        for level, pattern in lexicon().partnership_levels:
            for m in pattern.finditer(sm.folded):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                if level.named_only and not sm.text[m.start()].isupper():
                    continue
                taken.append((m.start(), m.end()))
                pair = _pair(ctx, index, m.start(), m.end(), named=level.level == "other")
                if pair is None or pair[0] == pair[1]:
                    continue
                label = sm.text[m.start() : m.end()].strip('"«» ')
                if level.level == "other":
                    inner = re.sub(r"^[Pp]artenariat\s*[\"«]?\s*|[\"»]\s*$", "", label).strip(
                        '"«» '
                    )
                    label = ("Partenariat " + inner).strip()
                upgrade = bool(_UPGRADE.search(sm.folded[: m.start()]))
                date = date_near(sm, m.start())[0] if upgrade else None
                yield make_fact(
                    ctx,
                    index,
                    type="partnership",
                    roles={"parties": (country_actor(pair[0]), country_actor(pair[1]))},
                    rule="partnership.level",
                    confidence=0.85,
                    date=date,
                    attributes={
                        "level": level.level,
                        "label": label,
                        "event": "upgrade" if upgrade else None,
                    },
                )
