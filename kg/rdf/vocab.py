"""Our RDF terms (a closed namespace), the controlled vocabularies, and the IRI scheme.

Terms live in ``https://w3id.org/kg-diplomacy/ontology#`` (prefix ``kg:``, described in
``ontology/kg.ttl``); instances in ``https://w3id.org/kg-diplomacy/id/``.  Everything else is
reused: schema.org, W3C ORG, SEM, SKOS, PROV-O, Web Annotation (``oa:``), Dublin Core.

IRIs are built from the ids the pipeline already has, so they are stable across builds:

Examples:
    >>> entity_iri("person:tran-dai-quang")
    rdflib.term.URIRef('https://w3id.org/kg-diplomacy/id/person/tran-dai-quang')
    >>> entity_iri("country:VN")
    rdflib.term.URIRef('https://w3id.org/kg-diplomacy/id/country/VN')
    >>> fact_iri("fact:0123abcd")
    rdflib.term.URIRef('https://w3id.org/kg-diplomacy/id/fact/0123abcd')
    >>> document_iri("db56f8231e5772b9")
    rdflib.term.URIRef('https://w3id.org/kg-diplomacy/id/doc/db56f8231e5772b9')
    >>> KG.received
    rdflib.term.URIRef('https://w3id.org/kg-diplomacy/ontology#received')
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.facttypes import LEVELS, ROLES, SPECS

#: base of every instance IRI
ID = Namespace("https://w3id.org/kg-diplomacy/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """The project's own terms: only what schema.org, ORG, SEM, SKOS and PROV-O lack."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-diplomacy/ontology#")

    # classes
    Fact: URIRef  # an extracted bilateral fact (an event or a relationship status)
    SentenceEvidence: URIRef  # the sentence a fact was read in
    ExtractionRule: URIRef  # the rule that produced a fact (a prov:Plan)
    Attribute: URIRef  # a fact attribute without a dedicated property
    ArticlePage: URIRef  # a scraped page (file) holding documents

    # concept schemes and collections
    EventTypes: URIRef
    RoleTypes: URIRef
    PartnershipLevels: URIRef
    PartnershipLevelRanking: URIRef

    # event types
    Reception: URIRef
    Visit: URIRef
    Meeting: URIRef
    Agreement: URIRef
    Partnership: URIRef
    DiplomaticRelations: URIRef

    # role types
    host: URIRef
    guest: URIRef
    visitor: URIRef
    destination: URIRef
    participant: URIRef
    party: URIRef

    # partnership levels
    ComprehensiveStrategicCooperativePartnership: URIRef
    ComprehensiveStrategicPartnership: URIRef
    StrategicPartnership: URIRef
    ComprehensivePartnership: URIRef
    SpecialRelationship: URIRef
    TraditionalFriendship: URIRef
    OtherFramework: URIRef

    # entities
    iso2: URIRef
    countryCode: URIRef
    aliases: URIRef
    mergedBecause: URIRef
    organizationName: URIRef
    firstSeen: URIRef
    lastSeen: URIRef

    # facts, roles and evidence
    rule: URIRef
    confidence: URIRef
    inferredDate: URIRef
    dateEvidence: URIRef  # which evidence gave kg:inferredDate its year
    dateInferredReason: URIRef
    position: URIRef
    roleKey: URIRef
    actorKind: URIRef
    section: URIRef
    rank: URIRef

    # fact attributes
    kind: URIRef
    status: URIRef
    count: URIRef
    label: URIRef
    labels: URIRef
    mode: URIRef
    dateText: URIRef
    partnershipLevel: URIRef
    partnershipEvent: URIRef
    anniversaryYears: URIRef
    anniversaryQualifier: URIRef
    attribute: URIRef
    key: URIRef

    # shortcut edges derived from the fact nodes
    received: URIRef
    visited: URIRef
    met: URIRef
    signedAgreementWith: URIRef
    hasPartnershipWith: URIRef
    hasDiplomaticRelationsWith: URIRef


def term(name: str) -> URIRef:
    """The term ``kg:<name>``; an unknown name raises (the namespace is closed)."""
    value: URIRef = getattr(KG, name)
    return value


#: fact type token -> event type concept (from ``kg/patterns/fact_types.jsonl``)
EVENT_TYPES: dict[str, URIRef] = {s.type: term(s.rdf_class) for s in SPECS}

#: role key of ``Fact.roles`` -> role type concept
ROLE_TYPES: dict[str, URIRef] = {key: term(rdf) for key, rdf in ROLES.items()}

#: level token -> (concept, rank: higher is closer, English label, French label)
PARTNERSHIP_LEVELS: dict[str, tuple[URIRef, int, str, str]] = {
    token: (term(lvl.rdf_class), lvl.rank, lvl.label_en, lvl.label_fr)
    for token, lvl in LEVELS.items()
}

#: namespace prefixes bound in every export (and in ``ontology/context.jsonld``)
PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "id": str(ID),
    "kg": str(KG._NS),
    "oa": str(OA),
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": str(WD),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_SAFE = "-._~/"


def _segment(text: str) -> str:
    return quote(text, safe=_SAFE)


def entity_iri(entity_id: str) -> URIRef:
    """IRI of an entity: ``"kind:slug"`` -> ``…/id/kind/slug`` (unsafe characters escaped)."""
    prefix, sep, rest = entity_id.partition(":")
    if not sep or not prefix or "/" in prefix:
        return ID["entity/" + quote(entity_id, safe="-._~")]
    return ID[quote(prefix, safe="-._~") + "/" + _segment(rest)]


def fact_iri(fact_id: str) -> URIRef:
    """IRI of a fact: ``"fact:0123abcd"`` -> ``…/id/fact/0123abcd``."""
    rest = fact_id.removeprefix("fact:")
    return ID["fact/" + quote(rest, safe="-._~")]


def document_iri(doc_id: str) -> URIRef:
    """IRI of a document (an article or a teaser) from its content-derived id."""
    return ID["doc/" + quote(doc_id, safe="-._~")]


def page_iri(article: str) -> URIRef:
    """IRI of a scraped page (``Evidence.article``, the file name)."""
    return ID["page/" + quote(article, safe="-._~")]


def rule_iri(rule: str) -> URIRef:
    """IRI of an extraction rule (``Fact.rule``)."""
    return ID["rule/" + quote(rule, safe="-._~")]


def country_iri(iso2: str) -> URIRef:
    """IRI of a country from its ISO 3166-1 alpha-2 code."""
    return entity_iri(f"country:{iso2}")
