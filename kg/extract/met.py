"""Meetings: talks ("a rencontré", "s'est entretenu avec", "a eu un entretien / une entrevue /
une séance de travail avec", "entretien entre X et Y", "à l'issue de leur entretien"),
co-chairing, online working sessions, phone calls; planned talks ("s'entretiendra",
"devrait rencontrer").

Each trigger has a shape (``kg/patterns/triggers.jsonl``, attribute ``shape``):

- ``verb``: the subjects are the persons coordinated right before the trigger in its clause
  (or, for an infinitive, the subject of the sentence), the objects the persons after it up
  to the end of the clause.  One fact per subject-object pair ("X et Y ont eu séparément des
  entrevues avec Z" gives X-Z and Y-Z; "X a rencontré A, B et C" gives X-A, X-B, X-C, never
  A-B); with no object, coordinated subjects meet each other ("X et Y se sont entretenus").
- ``then``: ", puis une entrevue avec Z", "ainsi qu'une séance de travail avec Z" continue
  the subjects of the talks before (else the sentence's subject).
- ``between``: "entretien entre X et Y": the persons after "entre" meet each other.
- ``noun``: "lors de leur entretien", "après l'entretien": the event frame's principals, or
  the persons "avec" names.

Subjects that are not names ("les deux dirigeants", "ils", "le dirigeant lao") resolve
through the event frame (:meth:`DocContext.refs`).  A pair of the same country is no meeting;
a pair that the same document reports as a reception is left to the reception
(:func:`kg.extract.extract_document`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from kg.extract.context import (
    Arg,
    DocContext,
    coordinated,
    date_near,
    make_fact,
    participial_opening,
    person_actor,
    place_of,
)
from kg.lexicon import Trigger, lexicon
from kg.model import Fact

_ONLINE = re.compile(r"\ben ligne\b|\bvisioconference\b|\ben visio\b|\btelephon")
_INFINITIVE = re.compile(
    r"(?:d'avoir|avoir|ayant|s'entretenir|rencontrer|d'avoir eu|s'entretenant|rencontrant)\b"
)
_PARTICIPLE = re.compile(r"(?:s'entretenant|rencontrant)\b")
_OPENING = re.compile(r"^(?:en )?$")
_AND_VERB = re.compile(r"[\w.)],?\s+(?:et|puis)\s+(?:(?:va|doit|devrait|pourrait)\s+)?$")
_POSSESSIVE = re.compile(r"\b(?:sa|son|ses)\b")
_THEIR = re.compile(r"\bleurs?\b")
_SUBJECT_VERB = re.compile(
    r"(?:\s*\([^)]*\))?,?\s+(?:a|ont|est|sont|s'|se|sera|devrait|va|doit|avait)\b"
)
_VERB_BETWEEN = re.compile(r"[;]|\b(?:a|ont|est|sont|avait|avaient|qui|que)\b")
_CLAUSE_START = re.compile(r"[;]|\bmais\b|\btandis que\b|\balors que\b|,\s+(?:ou|puis)\b")


def _clause_start(folded: str, position: int) -> int:
    start = 0
    for m in _CLAUSE_START.finditer(folded, 0, position):
        start = m.end()
    return start


def _clause_end(folded: str, position: int) -> int:
    m = lexicon().cues["clause_end"].search(folded, position)
    return m.start() if m else len(folded)


def _candidates(
    ctx: DocContext, index: int, start: int, end: int, *, latest: bool = False
) -> list[Arg]:
    """Named persons, resolved descriptions and coreferring phrases of ``start..end``, each
    person once: at its first mention, or with ``latest`` at its last (a subject is the
    mention right before the verb: "... de son hôte, avant que les deux chefs de
    gouvernement ne s'entretiennent")."""
    found = ctx.args(index, start, end) + ctx.refs(index, start, end)
    found.sort(key=lambda a: a.start, reverse=latest)
    out: list[Arg] = []
    for arg in found:
        if any(o.name == arg.name for o in out):
            continue
        out.append(arg)
    return sorted(out, key=lambda a: a.start)


def _subjects(ctx: DocContext, index: int, start: int, trigger: int) -> list[Arg]:
    """The persons coordinated right before the trigger: "X et Y ont ...", "les deux
    dirigeants ont ..." (two persons at one position)."""
    before = _candidates(ctx, index, start, trigger, latest=True)
    return coordinated(ctx.sentences[index].lower, before, _VERB_BETWEEN, one_position=True)


def _main_subjects(ctx: DocContext, index: int, trigger: int) -> list[Arg]:
    """The subject of the sentence, for an infinitive ("avant d'avoir des entrevues")."""
    sm = ctx.sentences[index]
    before = _candidates(ctx, index, 0, trigger)
    for arg in before:
        if not re.search(r"\bpar\s+(?:le |la |l')?[^,;]{0,80}$", sm.folded[: arg.start]):
            return [arg]
    return []


def _sentence_subject(ctx: DocContext, index: int, objects: list[Arg]) -> list[Arg]:
    """The person written as the subject of the sentence (its verb follows), not an object."""
    sm = ctx.sentences[index]
    names = {o.name for o in objects}
    for arg in _candidates(ctx, index, 0, len(sm.text)):
        if arg.name not in names and _SUBJECT_VERB.match(sm.lower, ctx.end_of(index, arg)):
            return [arg]
    return []


def _pairs(subjects: list[Arg], objects: list[Arg], shape: str) -> list[tuple[Arg, Arg]]:
    if objects and subjects:
        return [(s, o) for s in subjects for o in objects]
    if shape == "between":
        return list(itertools.combinations(objects, 2))
    # "X et Y se sont entretenus": coordinated subjects meet each other; objects with no
    # subject ("aura des entretiens avec A et avec B") are never paired among themselves
    return list(itertools.combinations(subjects, 2))


def _matches(ctx: DocContext, index: int) -> list[tuple[Trigger, re.Match[str]]]:
    """Every meeting trigger of the sentence, overlapping ones dropped (first, longest wins)."""
    sm = ctx.sentences[index]
    if not lexicon().cues["meeting_words"].search(sm.folded):
        return []
    found = [
        (trig, m)
        for trig, pattern in lexicon().triggers.get("meeting", ())
        for m in pattern.finditer(sm.folded)
    ]
    found.sort(key=lambda tm: (tm[1].start(), -tm[1].end()))
    kept: list[tuple[Trigger, re.Match[str]]] = []
    for trig, m in found:
        if kept and m.start() < kept[-1][1].end():
            continue
        kept.append((trig, m))
    return kept


def extract(ctx: DocContext) -> Iterator[Fact]:
    """Yield every meeting of the document, in order of appearance."""
    cues = lexicon().cues
    for index, sm in enumerate(ctx.sentences):
        seen: set[frozenset[str]] = set()
        previous: list[Arg] = []
        for trig, m in _matches(ctx, index):
            shape = str(trig.attributes.get("shape", "verb"))
            start = _clause_start(sm.folded, m.start())
            end = _clause_end(sm.folded, m.end())
            objects = _candidates(ctx, index, m.end(), end)
            if shape == "between":
                subjects: list[Arg] = []
            elif shape == "then":
                # ", puis une entrevue avec Z", "ainsi qu'une séance de travail avec Z": the
                # subjects of the talks before, else the subject of the sentence
                subjects = previous or _main_subjects(ctx, index, m.start())
            elif shape == "noun":
                own = sm.folded[m.start() : m.end()]
                coordinated = _subjects(ctx, index, 0, m.start())
                if _THEIR.search(own) and len(coordinated) >= 2:
                    # "X et Y ont annoncé, à l'issue de leur entretien, ..."
                    subjects = coordinated
                elif _POSSESSIVE.search(own) and objects:
                    # "lors de sa rencontre avec X, Y a ...": "sa" is the sentence's subject
                    subjects = _sentence_subject(ctx, index, objects)
                else:
                    subjects = ctx.refs(index, m.start(), m.end())
                    if not subjects and not objects and ctx.frame:
                        subjects = list(ctx.frame)
            elif _OPENING.match(sm.folded[: m.start()]) and _PARTICIPLE.match(sm.folded, m.start()):
                # "S'entretenant avec X, Y a souhaité": as "Recevant X, Y a ...", the subject is
                # the last person before the main verb, the others are met
                subjects, objects = participial_opening(ctx, index, m.end(), refs=True)
            elif _INFINITIVE.match(sm.folded, m.start()):
                subjects = _main_subjects(ctx, index, m.start())
            elif _AND_VERB.search(sm.folded, 0, m.start()):
                # "X rendra une visite à A et rencontrera B": a verb coordinated by "et" with
                # no subject of its own shares the sentence's subject
                subjects = _main_subjects(ctx, index, m.start())
            else:
                subjects = _subjects(ctx, index, start, m.start())
            if shape == "verb":
                subjects = ctx.subjects(index, m.span(), subjects, "subject")
                objects = ctx.objects(
                    index,
                    m.span(),
                    objects,
                    "with",
                    "object",
                    "between",
                    exclude=subjects,
                )
            if not subjects and shape == "verb":
                # "les deux dirigeants ont parcouru ..., puis se sont entretenus": the
                # subject of the sentence carries over to its coordinated verbs.
                subjects = _main_subjects(ctx, index, m.start())
            previous = subjects
            planned = bool(trig.attributes.get("status") == "planned") or bool(
                cues["planned"].search(sm.folded, start, end)
            )
            date, _ = date_near(sm, m.start())
            for a, b in _pairs(subjects, objects, shape):
                if a.name == b.name or (a.country and b.country and a.country == b.country):
                    continue
                key = frozenset((a.name, b.name))
                if key in seen:
                    continue
                seen.add(key)
                yield make_fact(
                    ctx,
                    index,
                    type="meeting",
                    roles={"participants": (person_actor(a), person_actor(b))},
                    rule=trig.rule,
                    confidence=trig.confidence,
                    date=date,
                    place=place_of(sm),
                    attributes={
                        "mode": "online" if _ONLINE.search(sm.folded) else None,
                        "status": "planned" if planned else None,
                    },
                )
