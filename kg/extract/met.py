"""Meetings: talks, "a rencontré", "rencontre", "entretien entre", co-chairing, online working
sessions, phone calls.

Participants are the named persons around the trigger: the subject before it and the object
after it (up to "et d'autres ...", a relative clause or the end of the clause).  One fact per
pair of participants of different countries; a caption "X et Y." with no verb states nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from kg.extract.context import DocContext, date_near, make_fact, person_actor, place_of
from kg.lexicon import lexicon
from kg.model import Fact

_OBJECT_END = re.compile(r"[;]|\bet d'autres\b|,?\s+(?:qui|que|dont|pour)\b")
_ONLINE = re.compile(r"\ben ligne\b|\bvisioconference\b|\ben visio\b|\btelephon")


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every meeting of the document, in order of appearance."""
    for index, sm in enumerate(ctx.sentences):
        for trig, pattern in lexicon().triggers.get("meeting", ()):
            for m in pattern.finditer(sm.folded):
                start = sm.folded.rfind(";", 0, m.start()) + 1
                subjects = ctx.args(index, start, m.start())
                stop = _OBJECT_END.search(sm.folded, m.end())
                objects = ctx.args(index, m.end(), stop.start() if stop else len(sm.text))
                participants = list({a.name: a for a in subjects + objects}.values())
                if len(participants) < 2:
                    continue
                date, _ = date_near(sm, m.start())
                for a, b in itertools.combinations(participants, 2):
                    if a.country and b.country and a.country == b.country:
                        continue
                    yield make_fact(
                        ctx,
                        index,
                        type="meeting",
                        roles={"participants": (person_actor(a), person_actor(b))},
                        rule=trig.rule,
                        confidence=trig.confidence,
                        date=date,
                        place=place_of(sm),
                        attributes={"mode": "online" if _ONLINE.search(sm.folded) else None},
                    )
