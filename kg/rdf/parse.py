"""RDF back to records: an rdflib graph of an export to :class:`~kg.model.GraphData` (shortcut
triples ignored), so a loaded graph answers like a built one."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, XSD
from rdflib.term import Node

from kg.errors import QueryError
from kg.model import Actor, DateRange, Entity, Evidence, Fact, GraphData, Post
from kg.rdf.mapping import (
    ATTRIBUTE_PROPERTIES,
    KIND_CLASSES,
    QID,
)
from kg.rdf.vocab import (
    EVENT_TYPES,
    KG,
    OA,
    PARTNERSHIP_LEVELS,
    PREFIXES,
    ROLE_TYPES,
    SCHEMA,
    SEM,
    WD,
)

#: the inverses of the mapping's tables
_CLASS_KINDS = {classes[0]: kind for kind, classes in KIND_CLASSES.items()}
_PROPERTY_ATTRIBUTES = {prop: key for key, prop in ATTRIBUTE_PROPERTIES.items()}
_LEVEL_TOKENS = {concept: token for token, (concept, *_rest) in PARTNERSHIP_LEVELS.items()}
_ROLE_KEYS = {concept: key for key, concept in ROLE_TYPES.items()}
_EVENT_TOKENS = {concept: token for token, concept in EVENT_TYPES.items()}


def _one(rdf_graph: Graph, subject: Node, prop: URIRef) -> Node | None:
    return next(iter(sorted(rdf_graph.objects(subject, prop), key=str)), None)


def _text(rdf_graph: Graph, subject: Node, prop: URIRef) -> str | None:
    value = _one(rdf_graph, subject, prop)
    return None if value is None else str(value)


def _required(rdf_graph: Graph, subject: Node, prop: URIRef) -> str:
    value = _text(rdf_graph, subject, prop)
    if value is None:
        raise QueryError(f"{subject} has no {prop}: not an export of kg.rdf.to_rdf")
    return value


def _read_list(rdf_graph: Graph, node: Node) -> list[Node]:
    items: list[Node] = []
    while node != RDF.nil:
        first = _one(rdf_graph, node, RDF.first)
        rest = _one(rdf_graph, node, RDF.rest)
        if first is None or rest is None or len(items) > 100_000:
            raise QueryError(f"broken rdf:List at {node}")
        items.append(first)
        node = rest
    return items


def _python(node: Node) -> Any:
    if isinstance(node, Literal):
        if node.datatype == RDF.JSON:
            return json.loads(str(node))
        if node.datatype == XSD.boolean:
            return str(node) in ("true", "1")
        if node.datatype in (XSD.integer, XSD.nonNegativeInteger):
            return int(str(node))
        if node.datatype == XSD.double:
            return float(str(node))
        return str(node)
    return str(node)


def _read_value(rdf_graph: Graph, node: Node) -> Any:
    if node == RDF.nil or (node, RDF.first, None) in rdf_graph:
        return [_python(item) for item in _read_list(rdf_graph, node)]
    return _python(node)


def _position(rdf_graph: Graph, node: Node) -> int:
    value = _text(rdf_graph, node, KG.position)
    return -1 if value is None else int(value)


def _read_entity(rdf_graph: Graph, subject: URIRef, kind: str) -> Entity:
    aliases = _one(rdf_graph, subject, KG.aliases)
    reasons = _one(rdf_graph, subject, KG.mergedBecause)
    posts = sorted(rdf_graph.objects(subject, ORG.holds), key=lambda n: _position(rdf_graph, n))
    wikidata = _text(rdf_graph, subject, OWL.sameAs)
    if wikidata and wikidata.startswith(str(WD)) and QID.match(wikidata[len(str(WD)) :]):
        wikidata = wikidata[len(str(WD)) :]
    return Entity(
        id=_required(rdf_graph, subject, DCTERMS.identifier),
        kind=kind,  # type: ignore[arg-type]
        name=_required(rdf_graph, subject, SCHEMA.name),
        country=_text(rdf_graph, subject, KG.countryCode),
        aliases=tuple(str(a) for a in _read_list(rdf_graph, aliases)) if aliases else (),
        posts=tuple(_read_post(rdf_graph, post) for post in posts),
        wikidata=wikidata,
        merged_because=tuple(str(r) for r in _read_list(rdf_graph, reasons)) if reasons else (),
    )


def _read_post(rdf_graph: Graph, node: Node) -> Post:
    return Post(
        role=_required(rdf_graph, node, SCHEMA.roleName),
        title=_required(rdf_graph, node, SCHEMA.jobTitle),
        organization=_text(rdf_graph, node, KG.organizationName),
        country=_text(rdf_graph, node, KG.countryCode),
        first_seen=_text(rdf_graph, node, KG.firstSeen),
        last_seen=_text(rdf_graph, node, KG.lastSeen),
    )


def _read_evidence(rdf_graph: Graph, node: Node) -> Evidence:
    selector = _one(rdf_graph, node, OA.hasSelector)
    doc = _one(rdf_graph, node, PROV.wasQuotedFrom)
    page = _one(rdf_graph, node, PROV.hadPrimarySource)
    if selector is None or doc is None or page is None:
        raise QueryError(f"evidence {node} lacks its selector, document or page")
    return Evidence(
        article=_required(rdf_graph, page, DCTERMS.identifier),
        doc=_required(rdf_graph, doc, DCTERMS.identifier),
        section=_required(rdf_graph, node, KG.section),
        sentence=_required(rdf_graph, node, PROV.value),
        span=(
            int(_required(rdf_graph, selector, OA.start)),
            int(_required(rdf_graph, selector, OA.end)),
        ),
    )


def _read_roles(rdf_graph: Graph, subject: URIRef) -> dict[str, tuple[Actor, ...]]:
    single: dict[str, Actor] = {}
    multiple: dict[str, list[tuple[int, Actor]]] = {}
    for node in rdf_graph.objects(subject, SEM.hasActor):
        role_type = _one(rdf_graph, node, SEM.roleType)
        key = _text(rdf_graph, node, KG.roleKey) or _ROLE_KEYS.get(role_type)  # type: ignore[call-overload]
        target = _one(rdf_graph, node, RDF.value)
        if key is None or target is None:
            raise QueryError(f"role {node} has no role type or actor")
        actor = Actor(
            id=_required(rdf_graph, target, DCTERMS.identifier)
            if (target, DCTERMS.identifier, None) in rdf_graph
            else _actor_id(target),
            name=_required(rdf_graph, node, SCHEMA.name),
            kind=_required(rdf_graph, node, KG.actorKind),  # type: ignore[arg-type]
            country=_text(rdf_graph, node, KG.countryCode),
        )
        position = _text(rdf_graph, node, KG.position)
        if position is None:
            single[key] = actor
        else:
            multiple.setdefault(key, []).append((int(position), actor))
    roles: dict[str, tuple[Actor, ...]] = {key: (actor,) for key, actor in single.items()}
    for key, items in multiple.items():
        roles[key] = tuple(actor for _, actor in sorted(items, key=lambda item: item[0]))
    return dict(sorted(roles.items()))


def _actor_id(iri: Node) -> str:
    """The entity id an IRI was made from (inverse of ``entity_iri``)."""
    rest = str(iri).removeprefix(PREFIXES["id"])
    prefix, _, slug = rest.partition("/")
    if prefix == "entity":
        return urllib.parse.unquote(slug)
    return f"{urllib.parse.unquote(prefix)}:{urllib.parse.unquote(slug)}"


def _read_attributes(rdf_graph: Graph, subject: URIRef) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    level = _one(rdf_graph, subject, KG.partnershipLevel)
    if level is not None:
        attributes["level"] = _LEVEL_TOKENS.get(level, str(level))  # type: ignore[call-overload]
    for prop, key in _PROPERTY_ATTRIBUTES.items():
        value = _one(rdf_graph, subject, prop)
        if value is not None:
            attributes[key] = _read_value(rdf_graph, value)
    for node in rdf_graph.objects(subject, KG.attribute):
        value = _one(rdf_graph, node, RDF.value)
        attributes[_required(rdf_graph, node, KG.key)] = (
            None if value is None else _read_value(rdf_graph, value)
        )
    return dict(sorted(attributes.items()))


def _read_fact(rdf_graph: Graph, subject: URIRef) -> Fact:
    event_type = _one(rdf_graph, subject, SEM.eventType)
    if event_type not in _EVENT_TOKENS:
        raise QueryError(f"fact {subject} has no known sem:eventType")
    date: str | DateRange | None = _text(rdf_graph, subject, SEM.hasTimeStamp)
    begin = _text(rdf_graph, subject, SEM.hasBeginTimeStamp)
    if begin is not None:
        date = DateRange(start=begin, end=_required(rdf_graph, subject, SEM.hasEndTimeStamp))
    evidence_nodes = sorted(
        rdf_graph.objects(subject, PROV.wasDerivedFrom), key=lambda n: _position(rdf_graph, n)
    )
    if not evidence_nodes:
        raise QueryError(f"fact {subject} has no evidence")
    evidence = [_read_evidence(rdf_graph, node) for node in evidence_nodes]
    rule = _one(rdf_graph, subject, KG.rule)
    if rule is None:
        raise QueryError(f"fact {subject} has no kg:rule")
    return Fact(
        id=_required(rdf_graph, subject, DCTERMS.identifier),
        type=_EVENT_TOKENS[event_type],  # type: ignore[index, arg-type]
        roles=_read_roles(rdf_graph, subject),
        date=date,
        date_inferred=_text(rdf_graph, subject, KG.inferredDate),
        place=_text(rdf_graph, subject, SCHEMA.location),
        attributes=_read_attributes(rdf_graph, subject),
        evidence=evidence[0],
        also=tuple(evidence[1:]),
        rule=_required(rdf_graph, rule, DCTERMS.identifier),
        confidence=float(_required(rdf_graph, subject, KG.confidence)),
    )


def from_rdf(rdf_graph: Graph) -> GraphData:
    """Read back what ``to_rdf`` wrote: entities sorted by id, facts sorted by id.

    Shortcut triples, level labels and document metadata are derived data and are not read.
    """
    entities: list[Entity] = []
    for cls, kind in _CLASS_KINDS.items():
        for subject in set(rdf_graph.subjects(RDF.type, cls)):
            if (subject, DCTERMS.identifier, None) in rdf_graph:
                entities.append(_read_entity(rdf_graph, subject, kind))  # type: ignore[arg-type]
    facts = [
        _read_fact(rdf_graph, URIRef(str(s))) for s in set(rdf_graph.subjects(RDF.type, KG.Fact))
    ]
    return GraphData(
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        facts=tuple(sorted(facts, key=lambda f: f.id)),
    )
