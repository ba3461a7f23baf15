"""Visits: a person travelling to a country ("visite d'État en Corée", "venu au Vietnam",
"se rendra au Laos", "attendu au Laos", "l'atterrissage à Alger", "activités bilatérales en
Afrique du Sud").

One fact per destination ("en Russie et en Biélorussie" gives two).  A destination is a
country in a locative phrase after the trigger (a capital stands for its country only in the
arrival form).  A trip to a place inside the visitor's own country is not a bilateral visit, and
a visit with no country ("visite de courtoisie", "au Commandement de ...") gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import Arg, DocContext, country_actor, date_near, make_fact, person_actor
from kg.extract.entities import SentenceMentions
from kg.lexicon import lexicon
from kg.model import Fact

_KINDS = (
    ("d'etat", "state"),
    ("officielle", "official"),
    ("de travail", "working"),
    ("de courtoisie", "courtesy"),
)
_PLANNED = re.compile(
    r"\b(?:se rendr(?:a|ont)|effectuer(?:a|ont)|prochaine?|attendue?s?|preparation de la visite"
    r"|va effectuer|vont effectuer|est attendu|conduira|conduiront|menera|meneront"
    r"|prevue?s? (?:en|le|les|pour|du|au|a|dans))\b"
)
_LOCATIVE = re.compile(r"\b(?:en|au|aux|a|dans|pour)\s+(?:la |le |l'|les )?$")
_CHAIN = re.compile(r"^\s*(?:,\s*)?(?:et|puis)\s+(?:en|au|aux|a)?\s*(?:la |le |l'|les )?$")
_WINDOW_END = re.compile(r"[,;.]|\s(?:afin|pour|qui|a|ont|et de|de sa)\s")
_OF = re.compile(
    r"^\s*(?:prochaine\s+)?(?:(?:au|en|aux)\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:du|de la|de l'|d'|de )\s*"
)
_THEN = re.compile(r",\s*puis\s+(?:en|au|aux)\s+(?:la |le |l'|les )?")
_THIS = re.compile(r"\b(?:cette|la meme|ladite)\s+$")
_POSSESSIVE = re.compile(r"\b(?:sa|son|leur)\s+(?:(?:premiere|prochaine|recente|derniere)\s+)?$")
_DATE_ASIDE = re.compile(
    r",\s*(?:du |les? |le )?\d{1,2}(?:er)?(?:\s+(?:au|et)\s+\d{1,2}(?:er)?)?\s+[a-z]+"
    r"(?:\s+\d{4})?\s*(?=,)"
)
_WHERE = re.compile(r"^\s*,\s*ou\s+[^,;.]{0,60}$")
_THIS_COUNTRY = re.compile(r"\s*(?:dans|en|a) ce pays\b")
_LEADER = re.compile(r"(?:dirigeante?|leader|chef)s?\b")
_SUBJECT_VERB = re.compile(
    r"(?:\s*\([^)]*\))?,?\s+(?:a|ont|est|sont|s'|se|sera|devrait|va|effectue|effectuera)\b"
)


def _kind(sm: SentenceMentions) -> str:
    for words, kind in _KINDS:
        if re.search(r"\bvisites? " + words, sm.folded):
            return kind
    return "unspecified"


def _destinations(sm: SentenceMentions, start: int, *, capitals: bool) -> list[str]:
    """Countries in the locative phrase that starts at ``start``."""
    stop = _WINDOW_END.search(sm.lower, start)
    while stop and (aside := _DATE_ASIDE.match(sm.folded, stop.start())):
        # "au Kazakhstan, du 5 au 7 mai, et en Azerbaïdjan": a date between commas goes on
        stop = _WINDOW_END.search(sm.lower, aside.end() + 1)
    end = stop.start() if stop else len(sm.text)
    found: list[str] = []
    inside_dans = False
    for hit in sm.countries:
        if hit.start < start or hit.start > end or sm.in_person(hit.start, hit.end):
            continue
        if hit.kind == "capital" and not capitals:
            continue
        if hit.kind not in ("name", "capital"):
            continue
        left = sm.folded[start : hit.start]
        if _LOCATIVE.search(left) or (found and _CHAIN.search(sm.folded[start : hit.start][-12:])):
            found.append(hit.iso2)
            inside_dans = inside_dans or left.rstrip().endswith("dans la province du")
        elif re.search(r"\bdans\b", left) and not found:
            found.append(hit.iso2)
    for then in _THEN.finditer(sm.folded, end):
        # "se rendra en Irlande pour une visite officielle, puis en France"
        for hit in sm.countries:
            if hit.start == then.end() and hit.kind == "name":
                found.append(hit.iso2)
    if capitals and not found:
        for city in sm.cities:
            if start <= city.start <= end and _LOCATIVE.search(sm.folded[start : city.start]):
                found.append(city.country)
                break
    return list(dict.fromkeys(found))


def _named_before(sm: SentenceMentions, start: int, end: int) -> list[str]:
    """A destination written before the trigger and referred to: "l'Azerbaïdjan, où il
    effectuera une visite", "au Vietnam ... qui effectue une visite d'État dans ce pays"."""
    names = [h for h in sm.countries if h.kind == "name" and h.end <= start]
    if not names:
        return []
    last = names[-1]
    if _WHERE.match(sm.folded[last.end : start]) or _THIS_COUNTRY.match(sm.folded, end):
        return [last.iso2]
    return []


def _found(ctx: DocContext, index: int, start: int, end: int) -> list[Arg]:
    """Persons, descriptions and coreferring phrases of ``start..end``; a spouse travels with
    the visitor but is not the visitor."""
    out: list[Arg] = []
    for arg in sorted(ctx.args(index, start, end) + ctx.refs(index, start, end), key=_pos):
        if arg.role != "spouse" and not any(o.name == arg.name for o in out):
            out.append(arg)
    return out


def _pos(arg: Arg) -> int:
    return arg.start


def _visitor(ctx: DocContext, index: int, start: int, end: int, rule: str) -> Arg | None:
    sm = ctx.sentences[index]
    text_after = sm.folded[end : end + 160]
    if rule == "visited.noun" and (of := _OF.match(text_after)):
        after = _found(ctx, index, end, min(len(sm.text), end + 200))
        if after:
            return after[0]
        if lexicon().title_regex.match(sm.folded, end + of.end()) or _LEADER.match(
            sm.folded, end + of.end()
        ):
            # "la prochaine visite au Vietnam du dirigeant sud-coréen": the visit of someone
            # the page does not name is nobody else's
            return None
    found = ctx.parsed(index, start, end)
    if found is not None:
        # the subject of the travel verb, or of the verb whose object the visit is ("X, son
        # épouse et une délégation effectuent une visite"); a spouse is not the visitor
        every = _found(ctx, index, 0, len(sm.text))
        subjects = ctx.in_role(every, found, "subject", "patient")
        if subjects:
            return subjects[0]
    if _POSSESSIVE.search(sm.folded[max(0, start - 40) : start]):
        # "lors de sa visite", "dans le cadre de sa visite d'État": the subject of the
        # sentence, else the person the text is about
        subject = _main_subject(ctx, index)
        if subject is None:
            subject = ctx.topic(index, start)
        if subject is not None:
            return subject
    before = _found(ctx, index, 0, start)
    if before:
        return before[-1]
    after = _found(ctx, index, end, len(sm.text))
    return after[0] if after else None


def _main_subject(ctx: DocContext, index: int) -> Arg | None:
    sm = ctx.sentences[index]
    for arg in _found(ctx, index, 0, len(sm.text)):
        if _SUBJECT_VERB.match(sm.lower, ctx.end_of(index, arg)):
            return arg
    return None


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every visit of the document, in order of appearance."""
    for index, sm in enumerate(ctx.sentences):
        for trig, pattern in lexicon().triggers.get("visit", ()):
            for m in pattern.finditer(sm.folded):
                if trig.rule == "visited.noun" and _THIS.search(sm.folded[: m.start()]):
                    continue
                if lexicon().cues["invitation"].search(sm.folded, 0, m.start()):
                    continue
                destinations = _destinations(
                    sm,
                    m.start() if trig.rule != "visited.noun" else m.end(),
                    capitals=trig.rule in ("visited.arrival", "visited.noun"),
                )
                if trig.rule in ("visited.go",) and not destinations:
                    destinations = _destinations(sm, m.end(), capitals=False)
                if not destinations:
                    destinations = _named_before(sm, m.start(), m.end())
                if not destinations:
                    continue
                visitor = _visitor(ctx, index, m.start(), m.end(), trig.rule)
                if visitor is None:
                    continue
                planned = bool(_PLANNED.search(sm.folded))
                date, _ = date_near(sm, m.start())
                for iso in destinations:
                    if visitor.country == iso:
                        continue
                    yield make_fact(
                        ctx,
                        index,
                        type="visit",
                        roles={"visitor": person_actor(visitor), "destination": country_actor(iso)},
                        rule=trig.rule,
                        confidence=trig.confidence,
                        date=date,
                        attributes={"kind": _kind(sm), "status": "planned" if planned else None},
                    )
