"""The questions of ``kg query``, answered by :meth:`KnowledgeGraph.run
<kg.api.graph.KnowledgeGraph.run>`: one dispatch from a question's name and the command's
options to the query methods of the API."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from kg.api.models import Results
from kg.dates import fact_in_window, time_key
from kg.errors import KgError

if TYPE_CHECKING:
    from kg.api.graph import KnowledgeGraph

QUESTIONS = (
    "persons",
    "countries",
    "institutions",
    "events",
    "receptions",
    "visits",
    "agreements",
    "partnership",
    "timeline",
    "centrality",
)


def answer(
    graph: KnowledgeGraph,
    question: str,
    *,
    between: Sequence[str] | None = None,
    actor: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Results[BaseModel]:
    """Answer one of the ``QUESTIONS`` about ``graph`` (the options as
    :meth:`KnowledgeGraph.run <kg.api.graph.KnowledgeGraph.run>` documents them)."""
    if question not in QUESTIONS:
        raise KgError(f"unknown question {question!r}: ask one of {', '.join(QUESTIONS)}")
    if between is not None and len(between) != 2:
        raise KgError(f"--between takes two entities, got {len(between)}")
    if between is not None and graph._resolve(between[0]) == graph._resolve(between[1]):
        a, b = between
        raise KgError(
            f"--between needs two different entities: {a!r} and {b!r} are both {graph._resolve(a)}"
        )
    if question == "persons":
        return Results(graph.persons(country=actor, role=kind))
    if question in ("countries", "institutions", "centrality"):
        return Results(getattr(graph, question)())
    rows: list[Any]
    if question in ("events", "timeline"):
        if question == "timeline" and between is None:
            raise KgError("timeline needs two entities: --between A B")
        rows = list(graph.events(type=kind, between=between))
    elif question == "receptions":
        rows = _both_ways(graph, graph.receptions, between)
    elif question == "visits":
        rows = _both_ways(graph, functools.partial(graph.visits, kind=kind), between)
    elif question == "agreements":
        rows = list(graph.agreements(*(between or ())))
    elif between is not None:
        rows = list(graph.partnership(*between).history)
    else:
        rows = [s for x, y in _partnership_pairs(graph) for s in graph.partnership(x, y).history]
    target = None if actor is None else graph._resolve(actor)
    return Results(
        r
        for r in rows
        if (target is None or graph._involves(graph._facts[r.id], target))
        and fact_in_window(graph._facts[r.id], since, until)
    )


def _both_ways(
    graph: KnowledgeGraph, ask: Callable[..., Results[Any]], between: Sequence[str] | None
) -> list[Any]:
    """The answers of ``ask(a, b)`` and ``ask(b, a)`` (each once), in time order."""
    if between is None:
        return list(ask())
    a, b = between
    found = {r.model_dump_json(): r for pair in ((a, b), (b, a)) for r in ask(*pair)}
    return sorted(found.values(), key=lambda r: time_key(graph._facts[r.id]))


def _partnership_pairs(graph: KnowledgeGraph) -> list[tuple[str, str]]:
    """Every pair of parties of a partnership fact, sorted."""
    pairs: set[tuple[str, str]] = set()
    for fact in graph._select("partnership"):
        ids = sorted({p.id for p in fact.actors("parties")})
        pairs.update(itertools.combinations(ids, 2))
    return sorted(pairs)
