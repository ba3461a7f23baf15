"""Export files: deterministic Turtle, N-Triples and JSON-LD of a graph, written atomically
and streamed through :mod:`kg.rdf.writer` (sorted runs merged on disk)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.atomic import open_atomic
from kg.errors import QueryError
from kg.model import GraphData
from kg.rdf.mapping import (
    Triple,
    triple_chunks,
)
from kg.rdf.vocab import (
    PREFIXES,
)


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context of ``graph.jsonld`` (published as ``ontology/context.jsonld``)."""
    return {"@context": dict(PREFIXES)}


def _chunks_of(source: GraphData | Graph) -> Iterable[Iterable[Triple]]:
    if isinstance(source, Graph):
        return [source]
    return triple_chunks(source)


def serialize(source: GraphData | Graph, fmt: str) -> bytes:
    """Deterministic bytes of ``source`` (data or an rdflib graph) as ``"ttl"``, ``"nt"`` or
    ``"jsonld"``: the same graph gives the same bytes (see :mod:`kg.rdf.writer`)."""
    from kg.rdf import writer as fast

    buffer = io.BytesIO()
    fast.write_graph(_chunks_of(source), {fmt: buffer}, prefixes=PREFIXES)
    return buffer.getvalue()


def write(
    data: GraphData | Graph,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = ("ttl", "nt", "jsonld"),
) -> dict[str, Path]:
    """Write ``graph.ttl`` / ``graph.nt`` / ``graph.jsonld`` into ``out_dir``, atomically.

    The same data gives the same bytes.  The graph is streamed: sorted runs of triples go to a
    temporary folder in ``out_dir`` and are merged, so memory stays small for any graph size.
    Returns the written paths by format; an unknown format raises :class:`QueryError` and
    writes nothing.
    """
    from kg.rdf import writer as fast

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {fmt: out / f"graph.{fmt}" for fmt in formats}
    with contextlib.ExitStack() as stack:
        outputs = {fmt: stack.enter_context(open_atomic(path)) for fmt, path in paths.items()}
        fast.write_graph(_chunks_of(data), outputs, prefixes=PREFIXES, workdir=out)
    return paths


def write_file(data: GraphData | Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write one export file (format from ``fmt`` or the suffix), atomically and streamed."""
    from kg.rdf import writer as fast

    target = Path(path)
    fmt = fmt or target.suffix.lstrip(".")
    try:
        with open_atomic(target) as handle:
            chunks = _chunks_of(data)
            fast.write_graph(chunks, {fmt: handle}, prefixes=PREFIXES, workdir=target.parent)
    except QueryError as e:
        raise QueryError(f"{target}: {e}") from e
    return target
