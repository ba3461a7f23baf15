"""The shape of the export: :class:`~kg.model.GraphData` to RDF triples.

The shape of the export (see ``ontology/kg.ttl``):

* every fact is a node ``…/id/fact/<id>`` typed ``kg:Fact``, ``sem:Event`` and ``schema:Event``
  with ``sem:eventType`` (a SKOS concept), one ``sem:Role`` node per actor
  (``…/role/host``, ``…/role/parties/0``) carrying ``rdf:value`` (the actor) and
  ``sem:roleType``, partial-date literals (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gMonthDay``),
  evidence nodes (``…/evidence/<n>``, PROV-O + Web Annotation selectors), the rule as a
  ``prov:Plan`` and ``kg:confidence``;
* shortcut triples (``kg:received``, ``kg:visited``, ``kg:met`` …) are derived from the fact
  nodes so that simple questions stay simple; :func:`kg.rdf.parse.from_rdf` ignores them;
* there are no blank nodes, so serialisations are byte-stable.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, XSD
from rdflib.term import Node

from kg.countries import french_names, wikidata
from kg.errors import QueryError
from kg.facttypes import spec
from kg.model import Actor, DateRange, Entity, Evidence, Fact, GraphData, Post, make_fact_id
from kg.rdf.formats import new_graph
from kg.rdf.vocab import (
    EVENT_TYPES,
    KG,
    OA,
    PARTNERSHIP_LEVELS,
    ROLE_TYPES,
    SCHEMA,
    SEM,
    WD,
    document_iri,
    entity_iri,
    fact_iri,
    page_iri,
    rule_iri,
    term,
)

KIND_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "person": (SCHEMA.Person,),
    "country": (SCHEMA.Country,),
    "organization": (SCHEMA.Organization, ORG.Organization),
    "place": (SCHEMA.Place,),
}
#: how an entity's country code links to the country node, per kind
COUNTRY_LINKS = {
    "person": SCHEMA.nationality,
    "organization": SCHEMA.location,
    "place": SCHEMA.containedInPlace,
}
ATTRIBUTE_PROPERTIES: dict[str, URIRef] = {
    "kind": KG.kind,
    "status": KG.status,
    "count": KG.count,
    "label": KG.label,
    "labels": KG.labels,
    "mode": KG.mode,
    "date_text": KG.dateText,
    "event": KG.partnershipEvent,
    "anniversary_years": KG.anniversaryYears,
    "anniversary_qualifier": KG.anniversaryQualifier,
    "date_evidence": KG.dateEvidence,
    "date_inferred_reason": KG.dateInferredReason,
}
_ISO2 = re.compile(r"^[A-Z]{2}$")
QID = re.compile(r"^Q[1-9][0-9]*$")
DATE_TYPES = (
    (re.compile(r"^-?\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^-?\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^--\d{2}-\d{2}$"), XSD.gMonthDay),
    (re.compile(r"^-?\d{4}$"), XSD.gYear),
    (re.compile(r"^--\d{2}$"), XSD.gMonth),
)


# --------------------------------------------------------------------------------------------
# GraphData -> RDF

Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """What the ``_add_*`` writers need: an rdflib ``Graph`` or a :class:`TripleCollector`."""

    def add(self, triple: Triple, /) -> object: ...


@functools.cache
def date_literal(value: str) -> Literal:
    """A partial date as written, typed by its shape (plain string when it has none).

    Examples:
        >>> date_literal("--11-03").n3()
        '"--11-03"^^<http://www.w3.org/2001/XMLSchema#gMonthDay>'
        >>> date_literal("2022-12").datatype == XSD.gYearMonth
        True
    """
    for pattern, datatype in DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def _decimal(value: float) -> Literal:
    return Literal(format(Decimal(repr(value)), "f"), datatype=XSD.decimal)


def _integer(value: int) -> Literal:
    datatype = XSD.nonNegativeInteger if value >= 0 else XSD.integer
    return Literal(str(value), datatype=datatype)


def _add_list(rdf_graph: TripleSink, values: Iterable[Node], base: str) -> URIRef:
    """An ``rdf:List`` whose cells are IRIs ``<base>/0``, ``<base>/1`` … (no blank nodes)."""
    cells = [URIRef(f"{base}/{i}") for i, _ in enumerate(values)]
    for i, value in enumerate(values):
        rdf_graph.add((cells[i], RDF.first, value))
        rdf_graph.add((cells[i], RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
    return cells[0] if cells else RDF.nil


def _scalar(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(repr(value), datatype=XSD.double)
    if isinstance(value, str):
        return Literal(value)
    return Literal(json.dumps(value, sort_keys=True, ensure_ascii=False), datatype=RDF.JSON)


def _value(rdf_graph: TripleSink, value: Any, base: str) -> Node:
    """An attribute value: a typed literal, an ``rdf:List`` of them, or an ``rdf:JSON`` literal."""
    if isinstance(value, list | tuple) and all(
        isinstance(v, str | int | float | bool) for v in value
    ):
        return _add_list(rdf_graph, [_scalar(v) for v in value], base)
    return _scalar(value)


def _add_country_link(
    rdf_graph: TripleSink, subject: URIRef, kind: str, country: str | None
) -> None:
    if country and _ISO2.match(country) and kind in COUNTRY_LINKS:
        rdf_graph.add((subject, COUNTRY_LINKS[kind], entity_iri(f"country:{country}")))


def _iso2_of(entity_id: str, country: str | None) -> str | None:
    if country and _ISO2.match(country):
        return country
    suffix = entity_id.partition(":")[2]
    return suffix if _ISO2.match(suffix) else None


def _add_node_basics(
    rdf_graph: TripleSink,
    subject: URIRef,
    entity_id: str,
    kind: str,
    name: str,
    country: str | None,
) -> None:
    for cls in KIND_CLASSES[kind]:
        rdf_graph.add((subject, RDF.type, cls))
    rdf_graph.add((subject, SCHEMA.name, Literal(name)))
    _add_country_link(rdf_graph, subject, kind, country)
    if kind == "country":
        iso2 = _iso2_of(entity_id, country)
        if iso2:
            rdf_graph.add((subject, KG.iso2, Literal(iso2)))


def _add_entity(rdf_graph: TripleSink, entity: Entity) -> None:
    subject = entity_iri(entity.id)
    _add_node_basics(rdf_graph, subject, entity.id, entity.kind, entity.name, entity.country)
    rdf_graph.add((subject, DCTERMS.identifier, Literal(entity.id)))
    if entity.country is not None:
        rdf_graph.add((subject, KG.countryCode, Literal(entity.country)))
    if entity.aliases:
        for alias in entity.aliases:
            rdf_graph.add((subject, SCHEMA.alternateName, Literal(alias)))
        aliases = _add_list(rdf_graph, [Literal(a) for a in entity.aliases], f"{subject}/aliases")
        rdf_graph.add((subject, KG.aliases, aliases))
    if entity.merged_because:
        reasons = [Literal(r) for r in entity.merged_because]
        rdf_graph.add(
            (subject, KG.mergedBecause, _add_list(rdf_graph, reasons, f"{subject}/merged"))
        )
    for i, post in enumerate(entity.posts):
        _add_post(rdf_graph, subject, i, post)
    if entity.wikidata:
        same = WD[entity.wikidata] if QID.match(entity.wikidata) else URIRef(entity.wikidata)
        rdf_graph.add((subject, OWL.sameAs, same))
    elif entity.kind == "country":
        # From the shipped table, not from the entity: schema:sameAs keeps the two apart.
        qid = wikidata().get(_iso2_of(entity.id, entity.country) or "")
        if qid:
            rdf_graph.add((subject, SCHEMA.sameAs, WD[qid]))


def _add_post(rdf_graph: TripleSink, holder: URIRef, i: int, post: Post) -> None:
    node = URIRef(f"{holder}/post/{i}")
    rdf_graph.add((holder, ORG.holds, node))
    rdf_graph.add((node, RDF.type, ORG.Post))
    rdf_graph.add((node, ORG.heldBy, holder))
    rdf_graph.add((node, KG.position, _integer(i)))
    rdf_graph.add((node, SCHEMA.roleName, Literal(post.role)))
    rdf_graph.add((node, SCHEMA.jobTitle, Literal(post.title)))
    if post.organization is not None:
        rdf_graph.add((node, KG.organizationName, Literal(post.organization)))
    if post.country is not None:
        rdf_graph.add((node, KG.countryCode, Literal(post.country)))
    if post.first_seen is not None:
        rdf_graph.add((node, KG.firstSeen, date_literal(post.first_seen)))
    if post.last_seen is not None:
        rdf_graph.add((node, KG.lastSeen, date_literal(post.last_seen)))


def _role_items(fact: Fact) -> Iterator[tuple[str, int | None, Actor]]:
    """Role, position (roles of several actors only) and actor, roles in sorted order."""
    many = spec(fact.type).many
    for key, actors in sorted(fact.roles.items()):
        for i, actor in enumerate(actors):
            yield key, i if key in many else None, actor


def _add_evidence(rdf_graph: TripleSink, subject: URIRef, n: int, evidence: Evidence) -> None:
    node = URIRef(f"{subject}/evidence/{n}")
    selector = URIRef(f"{node}/selector")
    doc, page = document_iri(evidence.doc), page_iri(evidence.article)
    rdf_graph.add((subject, PROV.wasDerivedFrom, node))
    for cls in (KG.SentenceEvidence, PROV.Entity):
        rdf_graph.add((node, RDF.type, cls))
    rdf_graph.add((node, KG.position, _integer(n)))
    rdf_graph.add((node, PROV.value, Literal(evidence.sentence)))
    rdf_graph.add((node, PROV.wasQuotedFrom, doc))
    rdf_graph.add((node, PROV.hadPrimarySource, page))
    rdf_graph.add((node, KG.section, Literal(evidence.section)))
    rdf_graph.add((node, OA.hasSelector, selector))
    rdf_graph.add((selector, RDF.type, OA.TextPositionSelector))
    rdf_graph.add((selector, OA.start, _integer(evidence.span[0])))
    rdf_graph.add((selector, OA.end, _integer(evidence.span[1])))
    rdf_graph.add((doc, RDF.type, SCHEMA.NewsArticle))
    rdf_graph.add((doc, DCTERMS.identifier, Literal(evidence.doc)))
    rdf_graph.add((doc, SCHEMA.isPartOf, page))
    rdf_graph.add((page, RDF.type, KG.ArticlePage))
    rdf_graph.add((page, DCTERMS.identifier, Literal(evidence.article)))


def _add_attributes(rdf_graph: TripleSink, subject: URIRef, attributes: Mapping[str, Any]) -> None:
    for key, value in sorted(attributes.items()):
        if key == "level" and isinstance(value, str) and value in PARTNERSHIP_LEVELS:
            concept, rank, en, fr = PARTNERSHIP_LEVELS[value]
            rdf_graph.add((subject, KG.partnershipLevel, concept))
            # Carry the level's labels and rank so queries need not load the ontology.
            rdf_graph.add((concept, RDF.type, SKOS_CONCEPT))
            rdf_graph.add((concept, SKOS_NOTATION, Literal(value)))
            rdf_graph.add((concept, SKOS_PREF_LABEL, Literal(en, lang="en")))
            rdf_graph.add((concept, SKOS_PREF_LABEL, Literal(fr, lang="fr")))
            rdf_graph.add((concept, SKOS_IN_SCHEME, KG.PartnershipLevels))
            rdf_graph.add((concept, KG.rank, _integer(rank)))
        elif key in ATTRIBUTE_PROPERTIES:
            base = f"{subject}/{key}"
            rdf_graph.add((subject, ATTRIBUTE_PROPERTIES[key], _value(rdf_graph, value, base)))
        else:
            node = URIRef(f"{subject}/attribute/{urllib.parse.quote(key, safe='-._~')}")
            rdf_graph.add((subject, KG.attribute, node))
            rdf_graph.add((node, RDF.type, KG.Attribute))
            rdf_graph.add((node, KG.key, Literal(key)))
            rdf_graph.add((node, RDF.value, _value(rdf_graph, value, f"{node}/value")))


SKOS_CONCEPT = URIRef("http://www.w3.org/2004/02/skos/core#Concept")
SKOS_NOTATION = URIRef("http://www.w3.org/2004/02/skos/core#notation")
SKOS_PREF_LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
SKOS_IN_SCHEME = URIRef("http://www.w3.org/2004/02/skos/core#inScheme")


def fact_id_of(fact: Fact) -> str:
    """The fact's id, or a stable one derived from its content when the pipeline gave none."""
    if fact.id:
        return fact.id
    return make_fact_id([fact.model_dump_json()])


def _add_fact(rdf_graph: TripleSink, fact: Fact, fact_id: str, known: set[str]) -> None:
    subject = fact_iri(fact_id)
    for cls in (KG.Fact, SEM.Event, SCHEMA.Event):
        rdf_graph.add((subject, RDF.type, cls))
    rdf_graph.add((subject, DCTERMS.identifier, Literal(fact_id)))
    rdf_graph.add((subject, SEM.eventType, EVENT_TYPES[fact.type]))
    for key, i, actor in _role_items(fact):
        role_type = ROLE_TYPES.get(key, KG.participant)
        quoted = urllib.parse.quote(key, safe="-._~")
        node = URIRef(f"{subject}/role/{quoted}" + ("" if i is None else f"/{i}"))
        target = entity_iri(actor.id)
        rdf_graph.add((subject, SEM.hasActor, node))
        rdf_graph.add((node, RDF.type, SEM.Role))
        rdf_graph.add((node, RDF.value, target))
        rdf_graph.add((node, SEM.roleType, role_type))
        rdf_graph.add((node, SCHEMA.name, Literal(actor.name)))
        rdf_graph.add((node, KG.actorKind, Literal(actor.kind)))
        if actor.country is not None:
            rdf_graph.add((node, KG.countryCode, Literal(actor.country)))
        if i is not None:
            rdf_graph.add((node, KG.position, _integer(i)))
        if key not in ROLE_TYPES:  # an unknown role is kept by its key
            rdf_graph.add((node, KG.roleKey, Literal(key)))
        if actor.id not in known:
            # An actor the resolver did not list: a node with what the fact says about it.
            _add_node_basics(rdf_graph, target, actor.id, actor.kind, actor.name, actor.country)
    if isinstance(fact.date, DateRange):
        start, end = date_literal(fact.date.start), date_literal(fact.date.end)
        rdf_graph.add((subject, SEM.hasBeginTimeStamp, start))
        rdf_graph.add((subject, SEM.hasEndTimeStamp, end))
        rdf_graph.add((subject, SCHEMA.startDate, start))
        rdf_graph.add((subject, SCHEMA.endDate, end))
    elif fact.date is not None:
        rdf_graph.add((subject, SEM.hasTimeStamp, date_literal(fact.date)))
        rdf_graph.add((subject, SCHEMA.startDate, date_literal(fact.date)))
    if fact.date_inferred is not None:
        rdf_graph.add((subject, KG.inferredDate, date_literal(fact.date_inferred)))
    if fact.place is not None:
        rdf_graph.add((subject, SCHEMA.location, Literal(fact.place)))
    _add_attributes(rdf_graph, subject, fact.attributes)
    for n, evidence in enumerate((fact.evidence, *fact.also)):
        _add_evidence(rdf_graph, subject, n, evidence)
    rule = rule_iri(fact.rule)
    rdf_graph.add((subject, KG.rule, rule))
    rdf_graph.add((rule, RDF.type, PROV.Plan))
    rdf_graph.add((rule, RDF.type, KG.ExtractionRule))
    rdf_graph.add((rule, DCTERMS.identifier, Literal(fact.rule)))
    rdf_graph.add((subject, KG.confidence, _decimal(fact.confidence)))
    _add_shortcuts(rdf_graph, fact)


def _add_shortcuts(rdf_graph: TripleSink, fact: Fact) -> None:
    shape = spec(fact.type)
    prop = term(shape.rdf_property)
    if shape.symmetric:  # stated both ways, as an OWL symmetric property would entail
        pairs: Iterable[tuple[Actor, Actor]] = itertools.permutations(fact.actors(shape.source), 2)
    else:
        pairs = itertools.product(fact.actors(shape.source), fact.actors(shape.target))
    for src, dst in pairs:
        if src.id != dst.id:
            rdf_graph.add((entity_iri(src.id), prop, entity_iri(dst.id)))


def _add_missing_countries(sink: TripleCollector) -> None:
    """Give every country that is only referred to (a nationality) a node with its ISO2 code."""
    names = french_names()
    for country in sorted(sink.referred_countries - sink.typed_countries):
        iso2 = str(country).rsplit("/", 1)[-1]
        sink.add((country, RDF.type, SCHEMA.Country))
        sink.add((country, KG.iso2, Literal(iso2)))
        sink.add((country, SCHEMA.name, Literal(names.get(iso2) or iso2)))
        if iso2 in wikidata():
            sink.add((country, SCHEMA.sameAs, WD[wikidata()[iso2]]))


class TripleCollector:
    """Collects triples in a list (repeats included) and notes the country nodes typed and
    referred to, so that a graph can be written a chunk at a time, never held whole."""

    _LINKS = frozenset(COUNTRY_LINKS.values())
    _COUNTRY_PREFIX = str(entity_iri("country:"))

    def __init__(self) -> None:
        self.triples: list[Triple] = []
        self.referred_countries: set[URIRef] = set()
        self.typed_countries: set[Node] = set()

    def add(self, triple: Triple, /) -> None:
        self.triples.append(triple)
        s, p, o = triple
        if p in self._LINKS and isinstance(o, URIRef) and o.startswith(self._COUNTRY_PREFIX):
            self.referred_countries.add(o)
        elif p == RDF.type and o == SCHEMA.Country:
            self.typed_countries.add(s)

    def take(self) -> list[Triple]:
        """The triples collected since the last call."""
        triples, self.triples = self.triples, []
        return triples


def triple_chunks(data: GraphData) -> Iterator[list[Triple]]:
    """The triples of ``data``'s RDF graph, a small chunk at a time (one entity, one fact …).

    A triple may come in several chunks (a document cited by two facts): the union of the
    chunks is the graph.  Raises :class:`QueryError` when two entities or two facts share an id.
    """
    known = {entity.id for entity in data.entities}
    if len(known) != len(data.entities):
        raise QueryError("cannot export: two entities share an id")
    fact_ids = [fact_id_of(fact) for fact in data.facts]
    if len(set(fact_ids)) != len(fact_ids):
        raise QueryError("cannot export: two facts share an id")
    sink = TripleCollector()
    for entity in data.entities:
        _add_entity(sink, entity)
        yield sink.take()
    for fact, fact_id in zip(data.facts, fact_ids, strict=True):
        _add_fact(sink, fact, fact_id, known)
        yield sink.take()
    _add_missing_countries(sink)
    yield sink.take()
    for document in data.documents:
        doc, page = document_iri(document.id), page_iri(document.article)
        sink.add((doc, RDF.type, SCHEMA.NewsArticle))
        sink.add((doc, DCTERMS.identifier, Literal(document.id)))
        sink.add((doc, SCHEMA.isPartOf, page))
        sink.add((doc, KG.section, Literal(document.section)))
        sink.add((page, RDF.type, KG.ArticlePage))
        sink.add((page, DCTERMS.identifier, Literal(document.article)))
        sink.add((doc, DCTERMS.language, Literal("fr")))
        if document.headline is not None:
            sink.add((doc, SCHEMA.headline, Literal(document.headline)))
        yield sink.take()


def to_rdf(data: GraphData) -> Graph:
    """The RDF graph of ``data`` (entities, facts with roles and evidence, shortcut triples).

    ``data.documents`` add document metadata (headline, page) that ``from_rdf`` does not read
    back.  Big graphs are better written with :func:`write`, which streams
    :func:`triple_chunks` to disk instead of building the graph in memory.

    Examples:
        >>> from kg.model import Evidence
        >>> ev = Evidence(article="a.txt", doc="d1", section="main", sentence="X a reçu Y.",
        ...               span=(0, 11))
        >>> x = Actor(id="person:x", name="X", kind="person", country="VN")
        >>> y = Actor(id="person:y", name="Y", kind="person", country="CN")
        >>> f = Fact(id="fact:1", type="reception", roles={"host": x, "guest": y},
        ...          evidence=ev, rule="received.active", confidence=0.9)
        >>> g = to_rdf(GraphData(entities=(), facts=(f,)))
        >>> (entity_iri("person:x"), KG.received, entity_iri("person:y")) in g
        True
    """
    rdf_graph = new_graph()
    for chunk in triple_chunks(data):
        for triple in chunk:
            rdf_graph.add(triple)
    return rdf_graph
