"""What the HTML page draws and where: the facts kept by a pair or a time window, then the entity
view or the country view, then optionally the ego network of one node; and, for large drawings,
the node positions.

Colours, tooltips and the page itself are in :mod:`kg.render.page`.

Time window: the same rule as the query API (:func:`kg.dates.in_window`): a fact is kept when
its dates overlap the window, each bound at its own precision; a fact without a year is left
out as soon as a bound with a year is given.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from kg import names
from kg.dates import as_bound, fact_bounds, fact_in_window
from kg.errors import KgError
from kg.facttypes import SPECS, spec
from kg.graph import entity_attributes, relation_pairs
from kg.model import Actor, Entity, Fact, GraphData
from kg.render.french import french_date

#: shortcut relations drawn in the entity view ("represents" carries no fact, so no evidence)
FACT_RELATIONS: tuple[str, ...] = tuple(s.relation for s in SPECS)
#: relations whose direction means something (host -> guest, visitor -> destination)
DIRECTED_RELATIONS = frozenset(s.relation for s in SPECS if not s.symmetric)
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class DrawnNode:
    """One node of the picture: an entity, or a country in the country view."""

    id: str
    name: str
    kind: str
    country: str = ""
    role: str = ""
    title: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrawnEdge:
    """One edge of the picture: one fact (entity view) or all facts of a country pair."""

    id: str
    source: str
    target: str
    relation: str
    facts: tuple[Fact, ...]
    directed: bool = False
    level: str = ""


@dataclass(frozen=True)
class Drawing:
    """The nodes and edges to draw, sorted, plus what the page says about the selection."""

    view: str
    nodes: tuple[DrawnNode, ...]
    edges: tuple[DrawnEdge, ...]
    focus: str | None = None
    notes: tuple[str, ...] = field(default=())


def actor_country(actor: Actor) -> str:
    """ISO2 code an actor belongs to: its ``country``, or its own code for a country actor."""
    if actor.country:
        return actor.country
    if actor.kind == "country" and actor.id.startswith("country:"):
        return actor.id.split(":", 1)[1]
    return ""


def fact_actors(fact: Fact) -> Iterator[Actor]:
    """Every actor of ``fact``, role by role in sorted role order."""
    for _, value in sorted(fact.roles.items()):
        yield from value


def is_iso2(code: str) -> bool:
    """Whether ``code`` is an ISO2 country code (not empty, not ``ORG:…`` or ``CITY:…``)."""
    return len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()


def fact_countries(fact: Fact) -> tuple[str, ...]:
    """Sorted ISO2 codes of the actors of ``fact``; other actors (no country, an organisation
    coded ``ORG:…``) are ignored."""
    return tuple(sorted({c for c in map(actor_country, fact_actors(fact)) if is_iso2(c)}))


def fact_span(fact: Fact) -> tuple[str, str] | None:
    """First and last day of ``fact`` as written dates with a year, or None when it has none."""
    bounds = fact_bounds(fact)
    if bounds is None or not bounds[0].has_year:
        return None
    return str(bounds[0]), str(bounds[1])


def in_pair(fact: Fact, pair: tuple[str, str] | None) -> bool:
    """Whether the actors of ``fact`` belong to the two countries of ``pair`` and to no other.

    Both countries must appear; actors without a known country do not exclude the fact.
    """
    if pair is None:
        return True
    wanted = {pair[0].upper(), pair[1].upper()}
    return set(fact_countries(fact)) == wanted


def select_facts(
    data: GraphData,
    *,
    pair: tuple[str, str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[Fact, ...]:
    """The facts of ``data`` kept by the country pair and the time window, in input order."""
    if pair is not None and (len(pair) != 2 or pair[0].upper() == pair[1].upper()):
        raise KgError(f"a country pair needs two different ISO2 codes, got {pair!r}")
    low, high = as_bound(since), as_bound(until)
    return tuple(f for f in data.facts if in_pair(f, pair) and fact_in_window(f, low, high))


def _ego(graph: nx.Graph, source: str, depth: int) -> set[str]:
    """Nodes at most ``depth`` hops from ``source`` in ``graph`` (breadth-first)."""
    reached: set[str] = set()
    for hops, layer in enumerate(nx.bfs_layers(graph, [source])):
        if hops > depth:
            break
        reached.update(layer)
    return reached


def resolve(candidates: Iterable[DrawnNode], query: str) -> str:
    """The id of the node that ``query`` names, by the name resolver of the query API
    (:func:`kg.names.resolve`: ids, names, aliases, country names in French and English, ISO
    codes, spelling variants; case and accents ignored)."""
    entities = {
        node.id: Entity(
            id=node.id,
            kind=node.kind,  # type: ignore[arg-type]
            name=node.name,
            country=node.country or None,
            aliases=node.aliases,
        )
        for node in candidates
    }
    return names.resolve(query, entities, names.name_index(entities.values()))


def entity_view(
    data: GraphData,
    facts: tuple[Fact, ...],
    *,
    whole: bool,
    focus: str | None = None,
    depth: int = 1,
) -> Drawing:
    """Entities as nodes and one shortcut edge per fact, optionally cut to an ego network.

    The edges are made here rather than read from :func:`kg.graph.build_graph`, whose shortcut
    edges are keyed by relation: two facts of one relation between the same pair share one edge
    there, and the page draws one edge per fact.
    """
    attrs: dict[str, dict[str, object]] = {e.id: entity_attributes(e) for e in data.entities}
    graph = nx.MultiDiGraph()
    if whole:
        graph.add_nodes_from(attrs)
    for fact in facts:
        relation = spec(fact.type).relation
        for src, dst in relation_pairs(fact):
            if src.id == dst.id:
                continue
            for actor in (src, dst):
                attrs.setdefault(
                    actor.id,
                    {"kind": actor.kind, "name": actor.name, "country": actor.country or ""},
                )
            key = f"{fact.id}|{src.id}|{dst.id}"
            graph.add_edge(src.id, dst.id, key=key, relation=relation, fact=fact)
    source = None
    if focus is not None:
        source = resolve((_entity_node(n, a) for n, a in attrs.items()), focus)
        graph.add_node(source)
        keep = _ego(graph.to_undirected(as_view=True), source, depth)
        graph = graph.subgraph(keep)
    nodes = [_entity_node(n, attrs[n]) for n in graph]
    edges = [
        DrawnEdge(
            id=key,
            source=u,
            target=v,
            relation=rel["relation"],
            facts=(rel["fact"],),
            directed=rel["relation"] in DIRECTED_RELATIONS,
        )
        for u, v, key, rel in graph.edges(keys=True, data=True)
    ]
    return Drawing(
        view="entities",
        nodes=tuple(sorted(nodes, key=lambda n: n.id)),
        edges=tuple(sorted(edges, key=lambda e: e.id)),
        focus=source,
    )


def _entity_node(node_id: str, attrs: dict[str, object]) -> DrawnNode:
    aliases = str(attrs.get("aliases") or "")
    return DrawnNode(
        id=node_id,
        name=str(attrs.get("name") or node_id),
        kind=str(attrs.get("kind") or "organization"),
        country=str(attrs.get("country") or ""),
        role=str(attrs.get("role") or ""),
        title=str(attrs.get("title") or ""),
        aliases=tuple(a for a in aliases.split("|") if a),
    )


def fact_key(fact: Fact) -> tuple[str, str]:
    """Sort key of a fact: its last dated day ("" when undated), then its id."""
    span = fact_span(fact)
    return (span[1] if span else "", fact.id)


def country_view(
    data: GraphData,
    facts: tuple[Fact, ...],
    *,
    whole: bool,
    focus: str | None = None,
    depth: int = 1,
) -> Drawing:
    """Countries as nodes; one edge per pair weighted by its facts, with its latest level."""
    names: dict[str, DrawnNode] = {}
    for entity in data.entities:
        if entity.kind == "country":
            code = entity.country or entity.id.split(":", 1)[-1]
            names[code] = DrawnNode(
                id=f"country:{code}",
                name=entity.name,
                kind="country",
                country=code,
                aliases=entity.aliases,
            )
    by_pair: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        for a, b in itertools.combinations(fact_countries(fact), 2):
            by_pair.setdefault((a, b), []).append(fact)
    codes = {c for pair in by_pair for c in pair} | (set(names) if whole else set())
    nodes = {
        f"country:{c}": names.get(
            c, DrawnNode(id=f"country:{c}", name=c, kind="country", country=c)
        )
        for c in codes
    }
    edges = []
    for (a, b), pair_facts in by_pair.items():
        ordered = tuple(sorted(pair_facts, key=fact_key))
        levels = [f for f in ordered if f.type == "partnership" and f.attributes.get("level")]
        edges.append(
            DrawnEdge(
                id=f"{a}|{b}",
                source=f"country:{a}",
                target=f"country:{b}",
                relation="facts",
                facts=ordered,
                level=str(levels[-1].attributes["level"]) if levels else "",
            )
        )
    source = None
    if focus is not None:
        graph = nx.Graph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from((e.source, e.target) for e in edges)
        known = {n.id: n for n in names.values()} | nodes
        source = resolve(known.values(), focus)
        nodes.setdefault(source, known[source])
        graph.add_node(source)
        reached = _ego(graph, source, depth)
        nodes = {n: node for n, node in nodes.items() if n in reached}
        edges = [e for e in edges if e.source in nodes and e.target in nodes]
    return Drawing(
        view="countries",
        nodes=tuple(sorted(nodes.values(), key=lambda n: n.id)),
        edges=tuple(sorted(edges, key=lambda e: e.id)),
        focus=source,
    )


def country_names(data: GraphData) -> dict[str, str]:
    names = {}
    for entity in data.entities:
        if entity.kind == "country":
            names[entity.country or entity.id.split(":", 1)[-1]] = entity.name
    return names


def describe(
    drawing: Drawing,
    data: GraphData,
    *,
    pair: tuple[str, str] | None,
    since: str | None,
    until: str | None,
    depth: int,
) -> str:
    parts = ["vue des pays" if drawing.view == "countries" else "vue des entités"]
    if drawing.focus is not None:
        name = next((n.name for n in drawing.nodes if n.id == drawing.focus), drawing.focus)
        parts.append(f"voisinage de {name} (profondeur {depth})")
    if pair is not None:
        countries = country_names(data)
        a, b = (c.upper() for c in pair)
        parts.append(f"{countries.get(a, a)} – {countries.get(b, b)}")
    if since is not None or until is not None:
        parts.append(f"du {french_date(since) or '…'} au {french_date(until) or '…'}")
    return " · ".join(parts)


def layout(drawing: Drawing, degree: Counter[str]) -> dict[str, tuple[int, int]]:
    """Positions for a large drawing: one disk per country, hubs at the centre of their disk.

    A force layout is too slow here (networkx ``spring_layout`` takes ~60 s at 5,000 nodes);
    this one is linear, deterministic, and keeps a country's people together.
    """
    groups: dict[str, list[DrawnNode]] = {}
    for node in drawing.nodes:
        groups.setdefault(node.country or f"~{node.kind}", []).append(node)
    spacing = 34.0
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    positions: dict[str, tuple[int, int]] = {}
    placed: list[tuple[float, float, float]] = []
    for index, (_, members) in enumerate(ordered):
        radius = spacing * math.sqrt(len(members)) + spacing
        cx, cy = _place_disk(placed, radius, index)
        placed.append((cx, cy, radius))
        members.sort(key=lambda n: (-degree[n.id], n.id))
        for i, node in enumerate(members):
            r = spacing * math.sqrt(i + 0.5)
            angle = i * _GOLDEN_ANGLE
            positions[node.id] = (round(cx + r * math.cos(angle)), round(cy + r * math.sin(angle)))
    return positions


def _place_disk(
    placed: list[tuple[float, float, float]], radius: float, index: int
) -> tuple[float, float]:
    """The first point on a spiral around the origin where a disk of ``radius`` fits."""
    if not placed:
        return 0.0, 0.0
    angle = index * _GOLDEN_ANGLE
    distance = placed[0][2] + radius
    while True:
        x, y = distance * math.cos(angle), distance * math.sin(angle)
        if all(math.hypot(x - px, y - py) >= pr + radius for px, py, pr in placed):
            return x, y
        angle += 0.35
        distance += radius * 0.12
