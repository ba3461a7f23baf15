"""Partnerships: a named framework between two countries, normalised to the tiers of
``kg/patterns/partnership_levels.jsonl`` ("global" and "intégral(e)" both mean comprehensive).

The pair is read after the framework ("Vietnam-Chine", "entre A et B", "avec la Chine" plus the
other country of the sentence), else from "les deux pays"/"leur" (the sentence's pair, then the
document's).  An upgrade ("rehausser leur relation au niveau de ...") is an event with a date.
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
_AVEC = re.compile(r"^\s*avec\s+(?:le |la |l'|les )?$")
_UPGRADE = re.compile(
    r"\b(?:rehausser|rehausse|elever|eleve|porter|porte|hisser)\b[^.;]{0,60}\b(?:au niveau|au rang)\b"
)
_CONTEXT = re.compile(r"\b(?:deux pays|leurs?|bilaterale?s?)\b")


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


def _pair(ctx: DocContext, index: int, start: int, end: int) -> tuple[str, str] | None:
    sm = ctx.sentences[index]
    pair = _pair_after(sm, end)
    if pair:
        return pair
    for hit in sm.countries:
        if (
            hit.start >= end
            and hit.kind == "name"
            and _AVEC.match(sm.folded[end : hit.start][-12:] if hit.start - end < 40 else "x")
        ):
            others = [h.iso2 for h in sm.countries if h.iso2 != hit.iso2 and h.kind != "capital"]
            return (others[0] if others else "VN"), hit.iso2
    dashed = _dash_pairs(sm)
    if len(dashed) == 1:
        return dashed[0]
    if _CONTEXT.search(sm.folded):
        return ctx.pair_for(index)
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
                pair = _pair(ctx, index, m.start(), m.end())
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
