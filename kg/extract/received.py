"""Receptions: "X a reçu Y", "X reçoit Y", "Recevant Y, X a ...", "Y a été reçu par X".

One fact per host-guest pair.  The host is the subject, the guest the object; in the
participial form the host is the last person before the main verb; in the passive the host
follows "par".  A guest "en visite" or "venu au" a country is left to :mod:`visited`; "cette
visite" in a reception sentence makes the guest a visitor of the host's country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import (
    Arg,
    DocContext,
    country_actor,
    date_near,
    make_fact,
    person_actor,
    place_of,
)
from kg.lexicon import lexicon
from kg.model import Fact

_FINITE = re.compile(r"\b(?:a|ont)\s+(?!été\b)\w+")
_CLAUSE_END = re.compile(r",?\s+(?:qui|que|dont|tandis que)\b")
_BY = re.compile(r"\bpar\b")
_THIS_VISIT = re.compile(r"\bcette visite\b")


def _pairs(hosts: list[Arg], guests: list[Arg]) -> Iterator[tuple[Arg, Arg]]:
    for host in hosts:
        for guest in guests:
            if host.name != guest.name:
                yield host, guest


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every reception of the document, in order of appearance."""
    triggers = lexicon().triggers.get("reception", ())
    for index, sm in enumerate(ctx.sentences):
        for trig, pattern in triggers:
            for m in pattern.finditer(sm.folded):
                if trig.rule == "received.participle":
                    verb = _FINITE.search(sm.lower, m.end())
                    stop = verb.start() if verb else len(sm.text)
                    found = ctx.args(index, m.end(), stop)
                    hosts, guests = found[-1:], found[:-1]
                elif trig.rule == "received.passive":
                    start = sm.folded.rfind(";", 0, m.start()) + 1
                    guests = ctx.args(index, start, m.start())[-1:]
                    by = _BY.search(sm.folded, m.end())
                    after = by.end() if by else m.end()
                    end = _CLAUSE_END.search(sm.folded, after)
                    hosts = ctx.args(index, after, end.start() if end else len(sm.text))[:1]
                else:
                    start = sm.folded.rfind(";", 0, m.start()) + 1
                    hosts = [a for a in ctx.args(index, start, m.start())]
                    end = _CLAUSE_END.search(sm.folded, m.end())
                    guests = ctx.args(index, m.end(), end.start() if end else len(sm.text))
                    hosts = _subjects(hosts, sm.folded, m.start())
                date, date_text = date_near(sm, m.start())
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
                        attributes={"date_text": date_text},
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


def _subjects(hosts: list[Arg], folded: str, trigger: int) -> list[Arg]:
    """Keep the subject persons: those coordinated right before the verb."""
    if len(hosts) <= 1:
        return hosts
    kept = [hosts[-1]]
    for prev in reversed(hosts[:-1]):
        between = folded[prev.end : kept[0].start]
        if re.search(r"\bet\b", between) and not re.search(r"[;]|\b(?:a|ont)\b", between):
            kept.insert(0, prev)
        else:
            break
    return kept
