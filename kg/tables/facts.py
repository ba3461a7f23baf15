"""The facts table, ``facts.jsonl``: one JSON object per fact, the contract other tools read.

A role that holds one actor (``host``, ``guest``, ``visitor``, ``destination``) is written as
an object, a role of several (``participants``, ``parties``) as a list, as declared in
``kg/patterns/fact_types.jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.facttypes import spec
from kg.model import Actor, Fact


def actor_record(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country}


def fact_record(fact: Fact, *, with_also: bool = True) -> dict[str, Any]:
    """One row of the facts table (the contract of ``exports/facts.jsonl``)."""
    many = spec(fact.type).many
    roles: dict[str, Any] = {
        role: [actor_record(a) for a in actors] if role in many else actor_record(actors[0])
        for role, actors in fact.roles.items()
    }
    date: Any = (
        fact.date if isinstance(fact.date, str) or fact.date is None else fact.date.model_dump()
    )
    record: dict[str, Any] = {
        "id": fact.id,
        "article": Path(fact.evidence.article).stem,
        "doc": fact.evidence.doc,
        "type": fact.type,
        "roles": roles,
        "date": date,
        "place": fact.place,
        "attributes": dict(sorted(fact.attributes.items())),
        "evidence": fact.evidence.sentence,
        "span": list(fact.evidence.span),
        "rule": fact.rule,
        "confidence": fact.confidence,
    }
    if fact.date_inferred:
        record["date_inferred"] = fact.date_inferred
    if with_also:
        record["also"] = [
            {
                "article": Path(e.article).stem,
                "doc": e.doc,
                "evidence": e.sentence,
                "span": list(e.span),
            }
            for e in fact.also
        ]
    return record


def facts_jsonl(facts: Iterable[Fact], *, with_also: bool = True) -> str:
    return "".join(
        json.dumps(fact_record(f, with_also=with_also), ensure_ascii=False, sort_keys=False) + "\n"
        for f in facts
    )
