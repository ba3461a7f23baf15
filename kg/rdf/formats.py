"""RDF formats and files: suffixes, media types, the ontology folder, parsing an export."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

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


#: Deepest nesting of arrays and objects accepted in a JSON-LD file (the exports nest 5 deep);
#: deeper input would exhaust the parsers' recursion.
MAX_JSONLD_DEPTH = 200


def new_graph() -> Graph:
    rdf_graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf_graph.bind(prefix, namespace, override=True, replace=True)
    return rdf_graph


def check_jsonld(path: Path, text: str, *, allow_remote_contexts: bool = False) -> None:
    """Refuse a JSON-LD document that is not JSON, is not an object or array, nests deeper
    than :data:`MAX_JSONLD_DEPTH`, or (unless ``allow_remote_contexts``) names a context by
    reference: a ``@context`` or ``@import`` that is a URL or a file would be fetched.

    Raises :class:`~kg.errors.QueryError` naming the file.

    Examples:
        >>> check_jsonld(Path("g.jsonld"), '{"@context": "https://example.org/c.jsonld"}')
        Traceback (most recent call last):
        kg.errors.QueryError: g.jsonld: the JSON-LD @context 'https://example.org/c.jsonld' is \
remote; loading never touches the network (inline the context, or allow remote contexts)
    """
    try:
        document = json.loads(text)
    except RecursionError as e:
        raise QueryError(f"{path}: JSON nested too deep (limit {MAX_JSONLD_DEPTH})") from e
    except ValueError as e:
        raise QueryError(f"{path}: not JSON: {e}") from e
    if not isinstance(document, dict | list):
        kind = {bool: "boolean", int: "number", float: "number", str: "string"}.get(
            type(document), "null"
        )
        raise QueryError(f"{path}: not JSON-LD: the top level is a {kind}, not an object or array")
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSONLD_DEPTH:
            raise QueryError(f"{path}: JSON nested too deep (limit {MAX_JSONLD_DEPTH})")
        if isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
            continue
        if not isinstance(value, dict):
            continue
        for key, item in value.items():
            if key in ("@context", "@import") and not allow_remote_contexts:
                for reference in item if isinstance(item, list) else [item]:
                    if isinstance(reference, str):
                        raise QueryError(
                            f"{path}: the JSON-LD {key} {reference[:200]!r} is remote; loading"
                            " never touches the network (inline the context, or allow remote"
                            " contexts)"
                        )
            stack.append((item, depth + 1))


def read_export(path: Path) -> bytes:
    """The bytes of an RDF export file (``.ttl``, ``.nt`` or ``.jsonld``), with one clear
    :class:`~kg.errors.QueryError` for a wrong suffix, a folder or an unreadable file."""
    if path.suffix not in MEDIA_TYPES:
        raise QueryError(f"{path}: unknown RDF suffix (use .ttl, .nt or .jsonld)")
    if path.is_dir():
        raise QueryError(f"{path}: a folder, not an RDF file")
    try:
        return path.read_bytes()
    except OSError as e:
        raise QueryError(f"{path}: cannot read: {e.strerror or e}") from e


def load(path: str | Path, *, allow_remote_contexts: bool = False) -> Graph:
    """Parse an export (``.ttl``, ``.nt`` or ``.jsonld``, chosen by suffix) into rdflib.

    Loading never touches the network: a JSON-LD file whose ``@context`` (or ``@import``) is a
    reference is refused unless ``allow_remote_contexts`` (see :func:`check_jsonld`).  Raises
    :class:`~kg.errors.QueryError` naming the file for whatever cannot be loaded.
    """
    path = Path(path)
    data = read_export(path)
    fmt = FORMATS[path.suffix.lstrip(".")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise QueryError(f"{path}: not UTF-8 text: {e}") from e
    if fmt == "json-ld":
        check_jsonld(path, text, allow_remote_contexts=allow_remote_contexts)
    rdf_graph = new_graph()
    try:
        rdf_graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as e:  # rdflib's parsers raise IndexError, pyparsing and plain errors alike
        detail = " ".join(str(e).split())[:300] or type(e).__name__
        raise QueryError(f"{path}: cannot load as {fmt}: {detail}") from e
    return rdf_graph
