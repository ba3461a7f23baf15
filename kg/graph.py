"""The knowledge graph as a networkx ``MultiDiGraph``.

Nodes are entities (``kind`` = person, country, organization, place) and events (``kind`` =
"event", one node per fact, ``type`` = the fact type).  Role edges go from an actor to its
event (``key`` = the role: host, guest, visitor, destination, participant, party).  Derived
shortcut edges between entities (``relation`` = received, visited, met, signed_agreement,
partnership, diplomatic_relations, represents) make the simple view analysts draw; they carry
``fact`` (the event node id) so that every edge can be traced back to its evidence.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import networkx as nx

from kg.facttypes import spec
from kg.model import Actor, Entity, Fact, GraphData


def relation_pairs(fact: Fact) -> Iterator[tuple[Actor, Actor]]:
    """The (source, target) actor pairs of the shortcut edge of ``fact`` (as declared in
    ``kg/patterns/fact_types.jsonl``): each pair once for a symmetric type, every source with
    every target otherwise."""
    shape = spec(fact.type)
    if shape.symmetric:
        yield from itertools.combinations(fact.actors(shape.source), 2)
    else:
        yield from itertools.product(fact.actors(shape.source), fact.actors(shape.target))


def entity_attributes(entity: Entity) -> dict[str, object]:
    """Node attributes of an entity (plain values, so GraphML and GEXF can write them)."""
    post = entity.posts[0] if entity.posts else None
    return {
        "kind": entity.kind,
        "name": entity.name,
        "country": entity.country or "",
        "aliases": "|".join(entity.aliases),
        "role": post.role if post else "",
        "title": post.title if post else "",
    }


def fact_attributes(fact: Fact) -> dict[str, object]:
    """Node attributes of an event node."""
    date = fact.date if isinstance(fact.date, str) or fact.date is None else fact.date.start
    return {
        "kind": "event",
        "type": fact.type,
        "name": fact.type,
        "date": date or "",
        "place": fact.place or "",
        "evidence": fact.evidence.sentence,
        "article": fact.evidence.article,
        "doc": fact.evidence.doc,
        "rule": fact.rule,
        "confidence": fact.confidence,
    }


def build_graph(data: GraphData) -> nx.MultiDiGraph:
    """Build the networkx graph of ``data``: entity nodes, event nodes, role and shortcut edges.

    Examples:
        >>> from kg.model import Evidence
        >>> ev = Evidence(article="a", doc="d", section="main", sentence="X a reçu Y.", span=(0, 11))
        >>> x = Actor(id="person:x", name="X", kind="person", country="VN")
        >>> y = Actor(id="person:y", name="Y", kind="person", country="CN")
        >>> f = Fact(id="fact:1", type="reception", roles={"host": x, "guest": y},
        ...          evidence=ev, rule="received.active", confidence=0.9)
        >>> g = build_graph(GraphData(entities=(), facts=(f,)))
        >>> sorted(g.nodes)
        ['fact:1', 'person:x', 'person:y']
        >>> g.edges["person:x", "person:y", "received:fact:1"]["fact"]
        'fact:1'
    """
    graph = nx.MultiDiGraph()
    for entity in data.entities:
        graph.add_node(entity.id, **entity_attributes(entity))
    for fact in data.facts:
        graph.add_node(fact.id, **fact_attributes(fact))
        for role, value in sorted(fact.roles.items()):
            for actor in value:
                if actor.id not in graph:
                    graph.add_node(
                        actor.id,
                        kind=actor.kind,
                        name=actor.name,
                        country=actor.country or "",
                        aliases="",
                        role="",
                        title="",
                    )
                graph.add_edge(actor.id, fact.id, key=role, relation=role)
        relation = spec(fact.type).relation
        for src, dst in relation_pairs(fact):
            if src.id == dst.id:
                continue
            # One edge per fact: two partnerships of one pair stay two edges.
            graph.add_edge(
                src.id, dst.id, key=f"{relation}:{fact.id}", relation=relation, fact=fact.id
            )
    for entity in data.entities:
        if entity.kind == "person" and entity.country and len(entity.country) == 2:
            country_id = f"country:{entity.country}"
            if country_id in graph:
                graph.add_edge(entity.id, country_id, key="represents", relation="represents")
    return graph
