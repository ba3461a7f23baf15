"""The event a document is about: its two principal persons.

"Les deux dirigeants ont eu un entretien", "ils ont signé", "son hôte" and "la partie
laotienne" stand for the persons of the visit or reception the text continues.  The frame is
read from a first pass of the rules over the document: the first reception or talks between
named persons of different countries in the opening of the document (headline, lede, caption,
first body sentences), else the first visit with a person of the destination country named on
the page, else the first reception or talks anywhere.  Principals are ordered home side first.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.context import Arg, DocContext
from kg.model import Actor, Fact

#: sentences that open a document (headline, lede, caption, dateline sentence, ...)
OPENING = 4


def _arg(actor: Actor) -> Arg:
    return Arg(actor.name, actor.country, -1, -1)


def _one(value: Actor | tuple[Actor, ...]) -> Actor:
    return value[0] if isinstance(value, tuple) else value


def _pair(fact: Fact) -> tuple[Arg, Arg] | None:
    if fact.type == "reception":
        host, guest = _one(fact.roles["host"]), _one(fact.roles["guest"])
        if host.country and guest.country and host.country != guest.country:
            return _arg(host), _arg(guest)
    if fact.type == "meeting":
        people = fact.roles["participants"]
        if isinstance(people, tuple) and len(people) == 2:
            a, b = people
            if a.country and b.country and a.country != b.country:
                if b.country == "VN":
                    a, b = b, a
                return _arg(a), _arg(b)
    return None


def _index(ctx: DocContext, fact: Fact) -> int:
    for i, sent in enumerate(ctx.document.sentences):
        if sent.start == fact.evidence.span[0]:
            return i
    return len(ctx.document.sentences)


def event_frame(ctx: DocContext, facts: Sequence[Fact]) -> tuple[Arg, Arg] | None:
    """The two principal persons of the document's event, or None."""
    ordered = sorted(facts, key=lambda f: _index(ctx, f))
    for fact in ordered:
        pair = _pair(fact)
        if pair and _index(ctx, fact) < OPENING:
            return pair
    for fact in ordered:
        if fact.type != "visit":
            continue
        visitor = _one(fact.roles["visitor"])
        destination = _one(fact.roles["destination"]).country
        for _, person in ctx.persons:
            if person.country == destination and person.country != visitor.country:
                host = Arg(person.name, person.country, -1, -1, person.title, person.role)
                return host, _arg(visitor)
        break
    for fact in ordered:
        pair = _pair(fact)
        if pair:
            return pair
    return None
