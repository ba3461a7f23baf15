"""Receptions: "X a reçu Y", "X reçoit Y", "Recevant Y, X a ...", "Y a été reçu par X",
"Y a été accueilli à l'aéroport par A, B et C", planned "X recevra Y", "Y devrait être reçu
par X".

One fact per host-guest pair.  The host is the subject (the persons coordinated right before
the verb, or a coreferring phrase: "il", "le dirigeant lao"), the guest the object; in the
participial form the host is the last person before the main verb; in the passive every
agent after "par" ("par A, puis par B", "par A, B et C") is a host.  A guest that is "une
délégation ... conduite par X" is X.  A welcome by an official of the guest's own country is
not bilateral (spec section 8): no fact.  A guest "en visite" or "venu au" a country is left
to :mod:`visited`; "cette visite" in a reception sentence makes the guest a visitor of the
host's country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import (
    Arg,
    DocContext,
    coordinated,
    country_actor,
    date_near,
    make_fact,
    participial_opening,
    person_actor,
    place_of,
)
from kg.lexicon import lexicon
from kg.model import Fact

_CLAUSE_END = re.compile(
    r",?\s+(?:qui|que|dont|tandis que|alors que|avant de|avant d'|afin|pour)\b"
    r"|,\s+(?:a l'issue|au cours|lors)\b|\bet (?:est|a|ont|sont|s'|se|l'a)\b"
)
_BY = re.compile(r"\bpar\b")
#: a passive coordinated with the clause before: "... avec Z et devrait être reçu par"
_AND_VERB = re.compile(r"^\s*,?\s*(?:et|puis)\s*$")
_THIS_VISIT = re.compile(r"\bcette visite\b")
_LED_BY = re.compile(
    r"\b(?:delegation|mission)\b[^;]{0,200}?\b(?:conduite?s?|dirigee?s?|menee?s?) par\b"
)
_VERB_BETWEEN = re.compile(r"[;]|\b(?:a|ont|est|sont|avait|avaient|qui|que)\b|\bs'|\bse\b")


def _pairs(hosts: list[Arg], guests: list[Arg]) -> Iterator[tuple[Arg, Arg]]:
    for host in hosts:
        for guest in guests:
            if host.name == guest.name:
                continue
            if host.country and guest.country and host.country == guest.country:
                continue  # an own-country welcome is not bilateral
            yield host, guest


def _found(ctx: DocContext, index: int, start: int, end: int) -> list[Arg]:
    """Named persons, descriptions and coreferring phrases of ``start..end``, by position."""
    out: list[Arg] = []
    for arg in sorted(ctx.args(index, start, end) + ctx.refs(index, start, end), key=_pos):
        if not any(o.name == arg.name for o in out):
            out.append(arg)
    return out


def _pos(arg: Arg) -> int:
    return arg.start


def _objects(ctx: DocContext, index: int, start: int) -> list[Arg]:
    """The guests after the verb, up to the end of the clause; a delegation is its head."""
    sm = ctx.sentences[index]
    end_m = _CLAUSE_END.search(sm.folded, start)
    end = end_m.start() if end_m else len(sm.text)
    led = _LED_BY.search(sm.folded, start, len(sm.text))
    if led and led.start() < end:
        heads = ctx.args(index, led.end(), len(sm.text))
        if heads:
            return heads[:1]
    return ctx.args(index, start, end)


def _subjects(ctx: DocContext, index: int, start: int, trigger: int) -> list[Arg]:
    """The persons coordinated right before the verb."""
    before = _found(ctx, index, start, trigger)
    return coordinated(ctx.sentences[index].lower, before, _VERB_BETWEEN)


def _main_subject(ctx: DocContext, index: int, trigger: int) -> list[Arg]:
    """The first person of the sentence written as a subject (its verb follows)."""
    sm = ctx.sentences[index]
    for arg in _found(ctx, index, 0, trigger):
        if re.match(
            r"(?:\s*\([^)]*\))?,?\s+(?:a|ont|est|s'|se|sera|devrait|va)\b",
            sm.lower[ctx.end_of(index, arg) :],
        ):
            return [arg]
    return []


def _agents(ctx: DocContext, index: int, after: int) -> list[Arg]:
    """Every agent of a passive: "par A, puis par B", "par A, B et C"."""
    sm = ctx.sentences[index]
    end_m = _CLAUSE_END.search(sm.folded, after)
    end = end_m.start() if end_m else len(sm.text)
    return ctx.args(index, after, end)


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every reception of the document, in order of appearance."""
    triggers = lexicon().triggers.get("reception", ())
    planned_cue = lexicon().cues["planned"]
    for index, sm in enumerate(ctx.sentences):
        for trig, pattern in triggers:
            for m in pattern.finditer(sm.folded):
                start = sm.folded.rfind(";", 0, m.start()) + 1
                if trig.rule == "received.participle":
                    hosts, guests = participial_opening(ctx, index, m.end())
                elif trig.rule == "received.passive":
                    guests = _subjects(ctx, index, start, m.start())[-1:]
                    between = sm.lower[guests[0].end : m.start()] if guests else ""
                    if guests and (_VERB_BETWEEN.search(between) or _AND_VERB.match(between)):
                        # "X s'entretiendra avec Z et devrait être reçu par": X is the guest
                        guests = _main_subject(ctx, index, m.start())
                    guests = ctx.subjects(index, m.span(), guests, "patient", "subject")
                    by = _BY.search(sm.folded, m.end())
                    hosts = _agents(ctx, index, by.end() if by else m.end())
                    hosts = ctx.objects(index, m.span(), hosts, "agent")
                else:
                    hosts = ctx.subjects(
                        index, m.span(), _subjects(ctx, index, start, m.start()), "subject"
                    )
                    guests = ctx.objects(
                        index,
                        m.span(),
                        _objects(ctx, index, m.end()),
                        "object",
                        exclude=hosts,
                    )
                date, date_text = date_near(sm, m.start())
                planned = bool(planned_cue.search(sm.folded, start, m.end() + 1))
                for host, guest in _pairs(hosts, guests):
                    yield make_fact(
                        ctx,
                        index,
                        type="reception",
                        roles={"host": person_actor(host), "guest": person_actor(guest)},
                        rule=trig.rule,
                        confidence=trig.confidence,
                        date=date,
                        place=place_of(sm),
                        attributes={
                            "date_text": date_text,
                            "status": "planned" if planned else None,
                        },
                    )
                    if (
                        _THIS_VISIT.search(sm.folded)
                        and host.country
                        and host.country != guest.country
                    ):
                        yield make_fact(
                            ctx,
                            index,
                            type="visit",
                            roles={
                                "visitor": person_actor(guest),
                                "destination": country_actor(host.country),
                            },
                            rule="visited.reception",
                            confidence=0.6,
                            attributes={"kind": "unspecified"},
                        )
