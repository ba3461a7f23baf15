"""Fast, deterministic serialisation of an export graph (Turtle, N-Triples, JSON-LD).

rdflib's writers are the slow part of a build (about 50 s for a million triples in Turtle);
Oxigraph writes Turtle and N-Triples in about a second.  Triples are sorted first, so the same
graph always gives the same bytes.  JSON-LD is written here directly in compacted form with
the published context (``ontology/context.jsonld``): one node object per subject, properties as
compact IRIs, values sorted.  The graphs we export have no blank nodes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import QueryError

_XSD_STRING = str(XSD.string)


def _ox_term(term: Any) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot serialise deterministically: {term!r} is not an IRI or a literal")


def sorted_triples(rdf_graph: Graph) -> list[ox.Triple]:
    """The triples of ``rdf_graph`` as Oxigraph triples, in a canonical order."""
    triples = [
        ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o))  # type: ignore[arg-type]
        for s, p, o in rdf_graph
    ]
    return sorted(triples, key=str)


def turtle(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> bytes:
    data = ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes))
    assert data is not None  # no output file given: the bytes are returned
    return data


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data


def _compact(iri: str, prefixes: Mapping[str, str]) -> str:
    best = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
            best = prefix
    if best:
        local = iri[len(prefixes[best]) :]
        if local and "/" not in local and "#" not in local:
            return f"{best}:{local}"
    return iri


def _value(term: ox.NamedNode | ox.Literal, prefixes: Mapping[str, str]) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value, prefixes)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value, prefixes)}


def jsonld(triples: Iterable[ox.Triple], context: Mapping[str, str]) -> bytes:
    """Compacted JSON-LD with ``context`` inline: parseable with no network."""
    nodes: dict[str, dict[str, list[Any]]] = {}
    rdf_type = str(RDF.type)
    for triple in triples:
        subject = triple.subject.value  # type: ignore[union-attr]
        predicate = triple.predicate.value
        node = nodes.setdefault(subject, {})
        obj = triple.object
        if predicate == rdf_type and isinstance(obj, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(obj.value, context))
        else:
            key = _compact(predicate, context)
            node.setdefault(key, []).append(_value(obj, context))  # type: ignore[arg-type]
    graph = []
    for subject in sorted(nodes):
        body: dict[str, Any] = {"@id": subject}
        for key in sorted(nodes[subject]):
            values = sorted(
                nodes[subject][key], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)
            )
            body[key] = values[0] if len(values) == 1 else values
        graph.append(body)
    document = {"@context": dict(context), "@graph": graph}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
