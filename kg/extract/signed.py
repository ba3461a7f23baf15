"""Agreements: documents signed, issued, planned or in force between two parties.

A document noun (accord, protocole d'accord, mémorandum, déclaration commune, traité) makes a
fact when it is counted ("14 accords", "neuf", "un protocole"), named ("l'accord sur ...",
"[Déclaration commune]") and has two parties: "entre A et B" (each pair with its own count:
"14 accords ... entre le Vietnam et la Russie et neuf entre le Vietnam et la Biélorussie"), two
cities ("entre Hanoï et ... la capitale Pékin" gives a city memorandum), a pair "Vietnam-Chine",
the two countries of the clause's subject, or "les deux pays/parties".  Generic plurals ("les
accords existants") and agreements with an organisation as a party give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import DocContext, city_actor, country_actor, make_fact, one_foreign
from kg.extract.entities import SentenceMentions
from kg.lexicon import lexicon
from kg.model import Actor, Fact

_CLAUSES = re.compile(r"\s+tandis que\s+|;|\s+alors que\s+")
_STATUS = (
    ("issued", re.compile(r"\brendue?s? publique?s?\b|\bpubli(?:e|ee|ees|es|ent|er|era|eront)\b")),
    (
        "planned",
        re.compile(
            r"\bsigner bientot\b|\b(?:vont|va|doivent|devraient) signer\b|\bsigneront\b|\bprochaine signature\b|\bbientot\b"
            r"|\bseront signee?s\b|\bsera signee?\b"
        ),
    ),
    (
        "signed",
        re.compile(
            r"\bsigne(?:e|es|s)?\b|\bsignature\b|\bont conclu\b|\bparaphe(?:e|es|s)?\b"
            r"|\bl'echange de\b|\bechange(?:e|es|s)? (?:des|de|les)\b|\bont ete echange"
        ),
    ),
    (
        "existing",
        re.compile(
            r"\brespecter\b|\bmettre en (?:oe|œ)uvre\b|\bcontenu d|\bapplication\b|\bconformement\b|\ben vigueur\b"
        ),
    ),
)
_GENERIC = re.compile(r"\b(?:les|des|aux|ces|leurs|ses)\s+$")
_NAMED = re.compile(r"\s*(?:cadre\s+)?(?:sur|de|d'|relatif|concernant|portant|dans)\b|\]")
_ANOTHER = re.compile(r"\bet un autre\b")
_ENTRE = re.compile(r"\bentre\s+(?:le |la |l'|les )?")
_DASH_PAIR = re.compile(r"\s*[-–]\s*")
#: who may sign for the two countries of the visit when the sentence names no party
_TAKES_FRAME = re.compile(
    r"\b(?:les|des|aux) deux (?:parties|pays|ministres|dirigeants|chefs|premiers ministres"
    r"|presidents|gouvernements|cotes|delegations|parlements|vice-premiers ministres)\b"
    r"|(?:^|[,;] |\bet )(?:ils|elles) \b|\b(?:ont|a|avaient|avait)(?: [a-z]+)? ete\b"
    r"|\bsignature (?:de|d'|des|du)\b|\bl'echange de\b|\ba l'echange\b"
)
_BOTH = re.compile(r"entre\s+les\s+deux\b")
_OF_BOTH = re.compile(r"entre\s+[^,;.]{0,80}?\b(?:des|de nos) deux pays\b")


def _count(folded: str, position: int) -> int | None:
    numbers = lexicon().numbers
    words = re.findall(r"[\w-]+", folded[max(0, position - 30) : position])[-2:]
    for word in reversed(words):
        if word.isdigit():
            return int(word)
        if word in numbers:
            return numbers[word]
    return None


def _kind(trigger: str) -> str:
    if "declaration" in trigger or "communique" in trigger:
        return "joint_declaration"
    if "protocole" in trigger or "memorandum" in trigger:
        return "memorandum"
    return "agreement"


def _entre_pairs(
    sm: SentenceMentions, start: int, end: int
) -> list[tuple[int, list[Actor] | None]]:
    """Each "entre A et B" in ``start..end``: its position and its two parties (None if a
    party is not a country or a city)."""
    out: list[tuple[int, list[Actor] | None]] = []
    for m in _ENTRE.finditer(sm.folded, start, end):
        first = _party_at(sm, m.end())
        if first is None:
            out.append((m.start(), None))
            continue
        et = re.compile(r"\s+et\s+(?:le |la |l'|les )?").match(sm.folded, first[1])
        second = _party_at(sm, et.end()) if et else None
        out.append((m.start(), [first[0], second[0]] if second else None))
    return out


def _party_at(sm: SentenceMentions, position: int) -> tuple[Actor, int] | None:
    for hit in sm.countries:
        if hit.start == position and hit.kind == "name":
            return country_actor(hit.iso2), hit.end
    for city in sm.cities:
        if city.start == position:
            return city_actor(city.city, city.country), city.end
    return None


def _parties(
    ctx: DocContext, index: int, start: int, trig_start: int, end: int
) -> list[tuple[list[Actor], int | None]] | None:
    """The parties of the document at ``trig_start`` with their counts; ``[]`` when the
    sentence names none, None when it names a party that is not a country or a city."""
    sm = ctx.sentences[index]
    after = _entre_pairs(sm, trig_start, end)
    if after:
        pairs = []
        for i, (pos, parties) in enumerate(after):
            if parties is None and (_BOTH.match(sm.folded, pos) or _OF_BOTH.match(sm.folded, pos)):
                # "entre les deux pays / Parlements / ministères", "entre les ministères et
                # organismes des deux pays": the pair of the visit
                pair = _recent_pair(ctx, index)
                parties = [country_actor(pair[0]), country_actor(pair[1])] if pair else None
            if parties is None:
                named = _ENTRE.match(sm.folded, pos)
                if named and sm.text[named.end() : named.end() + 1].isupper():
                    return None  # "entre le Vietnam et l'UE": a party is not a country
                return []  # "entre les ministères et les organes des deux pays"
            count = _count(sm.folded, trig_start) if i == 0 else _count(sm.folded, pos)
            pairs.append((parties, count))
        return pairs
    count = _count(sm.folded, trig_start)
    window_start = sm.folded.rfind("entre ", max(start, trig_start - 160), trig_start)
    if window_start >= 0:
        cities = [c for c in sm.cities if window_start <= c.start < trig_start]
        ids = list(dict.fromkeys((c.city, c.country) for c in cities))
        if len(ids) >= 2:
            return [([city_actor(*ids[0]), city_actor(*ids[1])], count)]
        before = _entre_pairs(sm, window_start, trig_start)
        if before and before[0][1]:
            return [(before[0][1], count)]
    hits = [h for h in sm.countries if start <= h.start < end and h.kind == "name"]
    dashed = [
        h
        for h in hits
        if h.start >= trig_start and re.match(r"\s*[-–]\s*\w", sm.text[h.end : h.end + 4])
    ]
    if dashed:
        first = dashed[0]
        nxt = [h for h in hits if h.start > first.start]
        if nxt and _DASH_PAIR.fullmatch(sm.text[first.end : nxt[0].start]):
            return [([country_actor(first.iso2), country_actor(nxt[0].iso2)], count)]
        return None
    subject_cities = list(
        dict.fromkeys((c.city, c.country) for c in sm.cities if start <= c.start < trig_start)
    )
    if len(subject_cities) == 2 and re.search(r"\bet\b", sm.folded[sm.cities[0].end : trig_start]):
        # "Hanoï et la capitale lao Vientiane ont signé": a city memorandum
        return [([city_actor(*subject_cities[0]), city_actor(*subject_cities[1])], count)]
    subject = list(
        dict.fromkeys(
            h.iso2 for h in hits if h.start < trig_start and not sm.in_person(h.start, h.end)
        )
    )
    if len(subject) == 2:
        return [([country_actor(subject[0]), country_actor(subject[1])], count)]
    if re.search(r"\bdeux parties\b", sm.folded) and ctx.frame:
        # "les deux parties": the two sides of the talks; with an organisation (the EU) the
        # document is no bilateral agreement
        if any(a.country and a.country.startswith("ORG:") for a in ctx.frame):
            return None
    if re.search(r"\bdeux (?:pays|parties)\b", sm.folded):
        pair = ctx.pair_for(index)
        if pair:
            return [([country_actor(pair[0]), country_actor(pair[1])], count)]
    return []


def _recent_pair(ctx: DocContext, index: int) -> tuple[str, str] | None:
    """The two countries of "les deux pays" in an agreement sentence: Vietnam and the foreign
    country of this or the two sentences before (a page may tell several visits), else the
    event frame's, else the document's pair."""
    foreign = one_foreign(ctx.sentences, index)
    if foreign:
        return "VN", foreign
    return _frame_pair(ctx) or ctx.pair_for(index)


def _frame_pair(ctx: DocContext) -> tuple[str, str] | None:
    if ctx.frame is None:
        return None
    a, b = ctx.frame
    if a.country and b.country and a.country != b.country and ":" not in a.country + b.country:
        return a.country, b.country
    return None


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every agreement of the document, in order of appearance."""
    cues = lexicon().cues
    for index, sm in enumerate(ctx.sentences):
        bounds = [0] + [m.end() for m in _CLAUSES.finditer(sm.folded)] + [len(sm.folded)]
        for trig, pattern in lexicon().triggers.get("agreement", ()):
            for m in pattern.finditer(sm.folded):
                before = sm.folded[max(0, m.start() - 12) : m.start()]
                if before.endswith(("d'", "en ")):
                    continue
                start = max(b for b in bounds if b <= m.start())
                end = min(b for b in bounds if b > m.start())
                clause = sm.folded[start:end]
                count = _count(sm.folded, m.start())
                named = (
                    bool(_NAMED.match(sm.folded, m.end()))
                    or sm.text[m.start() : m.start() + 1].isupper()
                )
                status = next((s for s, p in _STATUS if p.search(clause)), None)
                # A signing, an issue or a planned signing stated in the clause makes even a
                # generic plural a fact ("ont signé une série d'accords", "Des documents de
                # coopération ont été signés").
                stated = status in ("signed", "issued", "planned") and bool(
                    cues["signing_event"].search(clause)
                )
                generic = _GENERIC.search(sm.folded[max(0, m.start() - 8) : m.start()])
                if generic and count is None and not stated:
                    continue
                if count is None and not named and not stated:
                    continue
                if cues["not_a_document"].search(sm.folded, start, m.start()):
                    continue
                if cues["agreement_by_others"].search(sm.folded, start, min(end, m.end() + 60)):
                    continue
                if cues["multilateral"].search(sm.folded, m.start(), min(end, m.end() + 80)):
                    continue
                if status is None:
                    status = "existing" if named else "signed"
                extra = 1 if _ANOTHER.search(sm.folded, m.end(), end) else 0
                found = _parties(ctx, index, start, m.start(), end)
                if found is None:
                    continue
                if (
                    not found
                    and stated
                    and (_TAKES_FRAME.search(clause) or ctx.args(index, start, m.start()))
                ):
                    # "les deux ministres ont signé", "ils ont assisté à la signature": the
                    # parties of the visit or talks the sentence belongs to
                    pair = _recent_pair(ctx, index)
                    if pair:
                        found = [([country_actor(pair[0]), country_actor(pair[1])], count)]
                for parties, n in found:
                    total = n or (1 if extra else None)
                    if total is not None:
                        total += extra
                    label = _label(sm.text, m.start(), end) if named else None
                    yield make_fact(
                        ctx,
                        index,
                        type="agreement",
                        roles={"parties": tuple(parties)},
                        rule=trig.rule,
                        confidence=trig.confidence,
                        attributes={
                            "count": total,
                            "kind": _kind(m.group(0)),
                            "status": status,
                            "label": label,
                        },
                    )


def _label(text: str, start: int, end: int) -> str:
    m = re.compile(r"[^,;\]]{0,120}").match(text, start)
    label = m.group(0) if m else text[start:end]
    label = re.split(r"\s+et un autre\b|\s+entre\s", label)[0]
    return label.strip(" [").strip()
