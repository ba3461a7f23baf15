"""The RDF side: mapping records to triples and back, writing files, SPARQL.

- :mod:`kg.rdf.vocab`: our terms and IRIs;
- :mod:`kg.rdf.formats`: suffixes, media types, parsing an export;
- :mod:`kg.rdf.mapping`: :class:`~kg.model.GraphData` to triples (the shape of the export);
- :mod:`kg.rdf.parse`: triples back to records;
- :mod:`kg.rdf.files`: export files, atomically, through :mod:`kg.rdf.writer` (sorted runs
  merged on disk: deterministic Turtle, N-Triples and JSON-LD);
- :mod:`kg.rdf.sparql`: queries (embedded Oxigraph, rdflib, endpoints) and the Graph Store push.

The names below are the public face of the package (``from kg import rdf; rdf.query(...)``).
"""

from __future__ import annotations

from kg.rdf.files import jsonld_context, serialize, write, write_file
from kg.rdf.formats import FORMATS, ONTOLOGY_DIR, load
from kg.rdf.mapping import to_rdf, triple_chunks
from kg.rdf.parse import from_rdf
from kg.rdf.sparql import QueryResult, library_queries, push, query, query_rdflib, with_values

__all__ = [
    "FORMATS",
    "ONTOLOGY_DIR",
    "QueryResult",
    "from_rdf",
    "jsonld_context",
    "library_queries",
    "load",
    "push",
    "query",
    "query_rdflib",
    "serialize",
    "to_rdf",
    "triple_chunks",
    "with_values",
    "write",
    "write_file",
]
