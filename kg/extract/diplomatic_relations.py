"""Diplomatic relations: their establishment, with its date, or an anniversary of it.

"Le 22 décembre 1992, le Vietnam et la République de Corée ont officiellement établi leurs
relations diplomatiques" (a date), "le 30e anniversaire de l'établissement de leurs relations
diplomatiques" (30 years), "Plus de 60 ans après l'établissement" (60, "plus de"), "25 ans
d'établissement des relations diplomatiques entre le Vietnam et la Russie et la Biélorussie"
(two pairs), "le 75e anniversaire de leurs relations diplomatiques", "un demi-siècle de relations
diplomatiques" (no "établi": the age of the relations says they were established).  Anniversaries of anything else ("coopération Vietnam-UNICEF") are not relations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.dates import find_dates
from kg.extract.context import DocContext, country_actor, make_fact
from kg.lexicon import lexicon
from kg.model import Fact

_ESTABLISHED = re.compile(r"\betabli(?:r|e|es|s)?\b|\betablissement\b|\bnoue\b")
_ANNIVERSARY = re.compile(r"\b(\d+)\s*(?:e|eme|ᵉ)\s+anniversaire\b")
_YEARS = re.compile(r"\b(plus de |pres de |environ )?(\d+) ans\b")
_CENTURY_PARTS = {
    "demi-siecle": 50,
    "quart de siecle": 25,
    "trois quarts de siecle": 75,
    "siecle": 100,
}
_SPAN_WORDS = re.compile(
    r"\b(plus d'un |pres d'un |plus de |pres de )?(?:un |le )?"
    r"(trois quarts de siecle|quart de siecle|demi-siecle|siecle)\b"
)
#: the age phrase ends on the relations: "... de (l'établissement de) (leurs) relations"
_OF_RELATIONS = re.compile(r"\b(?:de|des|d')\s*(?:l'etablissement de[s]?\s*)?(?:leurs\s*|nos\s*)?$")
_ENTRE = re.compile(r"\bentre\s+(?:le |la |l'|les )?")
_ET = re.compile(r"\s+et\s+(?:en |le |la |l'|les )?")


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every diplomatic-relations fact of the document, in order of appearance."""
    for index, sm in enumerate(ctx.sentences):
        for trig, pattern in lexicon().triggers.get("diplomatic_relations", ()):
            for m in pattern.finditer(sm.folded):
                before = sm.folded[max(0, m.start() - 90) : m.start()]
                anniversary = _ANNIVERSARY.search(before)
                span_years = _YEARS.search(before)
                span_words = _SPAN_WORDS.search(before)
                if not _ESTABLISHED.search(sm.folded) and not (
                    # "le 75e anniversaire de leurs relations diplomatiques", "un demi-siècle
                    # de relations diplomatiques": the relations' age, with no "établi"
                    (anniversary or span_years or span_words) and _OF_RELATIONS.search(before)
                ):
                    continue
                pairs = _pairs(ctx, index, m.end())
                years, qualifier = None, None
                if anniversary:
                    years = int(anniversary.group(1))
                elif span_years:
                    years = int(span_years.group(2))
                    qualifier = (span_years.group(1) or "").strip() or None
                elif span_words:
                    years = _CENTURY_PARTS[span_words.group(2)]
                    qualifier = (span_words.group(1) or "").strip() or None
                date = None
                if re.search(r"\betabli(?:r|e|es|s)?\b", sm.folded) and not years:
                    dated = [
                        d
                        for d in find_dates(sm.text)
                        if isinstance(d.value, str) and d.value[:4].isdigit()
                    ]
                    date = dated[0].value if dated else None
                for a, b in pairs:
                    yield make_fact(
                        ctx,
                        index,
                        type="diplomatic_relations",
                        roles={"parties": (country_actor(a), country_actor(b))},
                        rule=trig.rule,
                        confidence=trig.confidence,
                        date=date,
                        attributes={
                            "anniversary_years": years,
                            "anniversary_qualifier": qualifier,
                        },
                    )


def _pairs(ctx: DocContext, index: int, end: int) -> list[tuple[str, str]]:
    sm = ctx.sentences[index]
    entre = _ENTRE.match(sm.folded, end + 1)
    if entre:
        names = [h for h in sm.countries if h.start >= entre.end() and h.kind == "name"]
        chain: list[str] = []
        position = entre.end()
        for hit in names:
            if hit.start != position:
                break
            chain.append(hit.iso2)
            et = _ET.match(sm.folded, hit.end)
            if not et:
                break
            position = et.end()
        if len(chain) >= 2:
            return [(chain[0], other) for other in chain[1:]]
    subject = list(
        dict.fromkeys(h.iso2 for h in sm.countries if h.start < end and h.kind == "name")
    )
    if len(subject) == 2:
        return [(subject[0], subject[1])]
    pair = ctx.pair_for(index)
    return [pair] if pair else []
