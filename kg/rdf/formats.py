"""RDF formats and files: suffixes, media types, the ontology folder, parsing an export."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import QueryError
from kg.rdf.vocab import PREFIXES


#: folder of ``kg.ttl``, ``shapes.ttl``, ``context.jsonld`` and ``queries/*.rq``
def _ontology_dir() -> Path:
    """``ontology/`` of the checkout, else the copy installed as ``kg.ontology``."""
    source = Path(__file__).resolve().parents[2] / "ontology"
    if source.is_dir():
        return source
    return Path(str(resources.files("kg.ontology")))


ONTOLOGY_DIR = _ontology_dir()

FORMATS: dict[str, str] = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
OX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
}


def new_graph() -> Graph:
    rdf_graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf_graph.bind(prefix, namespace, override=True, replace=True)
    return rdf_graph


def load(path: str | Path) -> Graph:
    """Parse an export (``.ttl``, ``.nt`` or ``.jsonld``, chosen by suffix) into rdflib."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lstrip("."))
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF suffix (use .ttl, .nt or .jsonld)")
    rdf_graph = new_graph()
    try:
        rdf_graph.parse(path, format=fmt)
    except (OSError, ValueError, SyntaxError) as e:
        raise QueryError(f"{path}: cannot load: {e}") from e
    return rdf_graph
