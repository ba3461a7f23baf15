"""Fast, deterministic, streaming serialisation of an export graph (N-Triples, Turtle, JSON-LD).

A graph of millions of triples is never held in memory: its triples arrive in chunks (see
:func:`kg.rdf.triple_chunks`), are written as canonical N-Triples lines into sorted runs of at
most :data:`RUN_LINES` lines on disk, and the runs are merged (an external merge sort) into one
sorted, duplicate-free N-Triples file.  Lines are ordered by subject IRI, then by the line
itself, so each subject's triples are contiguous and the same graph always gives the same bytes.

From that file Oxigraph writes Turtle (about a second per million triples, where rdflib takes
about 50 s), and JSON-LD is written here one subject at a time, compacted with the published
context (``ontology/context.jsonld``): one node object per subject, properties as compact IRIs,
values sorted.  The graphs we export have no blank nodes.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import QueryError

_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)

#: lines per sorted run on disk: about 50 MB of text held at once while sorting
RUN_LINES = 200_000
FORMATS = ("nt", "ttl", "jsonld")


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


def ntriples_line(triple: tuple[Any, Any, Any]) -> str:
    """The canonical N-Triples line of an rdflib triple, as Oxigraph writes it.

    Examples:
        >>> from rdflib import Literal, URIRef
        >>> ntriples_line((URIRef("http://a/b"), URIRef("http://p"), Literal('x"é', lang="fr")))
        '<http://a/b> <http://p> "x\\\\"é"@fr .\\n'
    """
    s, p, o = triple
    return f"{ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o))} .\n"  # type: ignore[arg-type]


def _order(line: str) -> tuple[str, str]:
    """Subject IRI first (so ``…/fact/1`` comes before ``…/fact/1/role``), then the line."""
    return line[1 : line.index(">")], line


def _spill(lines: Iterable[str], path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.writelines(sorted(lines, key=_order))
    return path


def _sorted_runs(chunks: Iterable[Iterable[tuple[Any, Any, Any]]], workdir: Path) -> list[Path]:
    runs: list[Path] = []
    buffer: set[str] = set()
    for chunk in chunks:
        buffer.update(ntriples_line(triple) for triple in chunk)
        if len(buffer) >= RUN_LINES:
            runs.append(_spill(buffer, workdir / f"run-{len(runs)}.nt"))
            buffer = set()
    if buffer or not runs:
        runs.append(_spill(buffer, workdir / f"run-{len(runs)}.nt"))
    return runs


def _merged(runs: list[Path]) -> Iterator[str]:
    """The lines of the sorted runs in order, each once."""
    handles = [open(run, encoding="utf-8", newline="") for run in runs]
    try:
        previous = None
        for line in heapq.merge(*handles, key=_order):
            if line != previous:
                yield line
                previous = line
    finally:
        for handle in handles:
            handle.close()


def _triples(nt_path: Path) -> Iterator[ox.Triple]:
    for quad in ox.parse(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES):
        yield quad.triple


def write_graph(
    chunks: Iterable[Iterable[tuple[Any, Any, Any]]],
    outputs: Mapping[str, IO[bytes]],
    *,
    prefixes: Mapping[str, str],
    workdir: Path | None = None,
) -> None:
    """Write the union of ``chunks`` to each binary stream of ``outputs`` (by format).

    ``workdir`` holds the sorted runs (a temporary folder by default; give one on the same
    disk as the exports for big graphs).  Memory stays bounded by :data:`RUN_LINES`.
    """
    unknown = set(outputs) - set(FORMATS)
    if unknown:
        raise QueryError(
            f"unknown RDF format {sorted(unknown)[0]!r}: use one of {', '.join(FORMATS)}"
        )
    with tempfile.TemporaryDirectory(prefix=".graph.", suffix=".tmp", dir=workdir) as tmp:
        work = Path(tmp)
        runs = _sorted_runs(chunks, work)
        nt_path = work / "graph.nt"
        with open(nt_path, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(_merged(runs))
        for run in runs:
            run.unlink()
        if "nt" in outputs:
            with open(nt_path, "rb") as source:
                shutil.copyfileobj(source, outputs["nt"], 1 << 20)
        if "ttl" in outputs:
            ox.serialize(
                _triples(nt_path),
                outputs["ttl"],
                format=ox.RdfFormat.TURTLE,
                prefixes=dict(prefixes),
            )
        if "jsonld" in outputs:
            write_jsonld(_triples(nt_path), outputs["jsonld"], prefixes)


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


def _value(term: ox.NamedNode | ox.Literal, compact: Callable[[str], str]) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact(term.datatype.value)}


def _json_order(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _node(
    subject: str, triples: Iterable[ox.Triple], compact: Callable[[str], str]
) -> dict[str, Any]:
    properties: dict[str, list[Any]] = {}
    for triple in triples:
        obj = triple.object
        if triple.predicate.value == _RDF_TYPE and isinstance(obj, ox.NamedNode):
            properties.setdefault("@type", []).append(compact(obj.value))
        else:
            key = compact(triple.predicate.value)
            properties.setdefault(key, []).append(_value(obj, compact))  # type: ignore[arg-type]
    body: dict[str, Any] = {"@id": subject}
    for key in sorted(properties):
        values = properties[key]
        body[key] = values[0] if len(values) == 1 else sorted(values, key=_json_order)
    return body


def _indented(value: Any, indent: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`` with every line but
    the first prefixed by ``indent``, without the slow pure-Python indenting encoder."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = (
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_indented(value[key], inner)}"
            for key in sorted(value)
        )
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def write_jsonld(
    triples: Iterable[ox.Triple], output: IO[bytes], context: Mapping[str, str]
) -> None:
    """Compacted JSON-LD with ``context`` inline (parseable with no network), one node object
    per subject; ``triples`` must come grouped by subject.  Same bytes as
    ``json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)`` of the whole document.
    """
    head = json.dumps({"@context": dict(context)}, ensure_ascii=False, indent=2, sort_keys=True)
    output.write((head[: -len("\n}")] + ',\n  "@graph": [').encode())
    # properties, classes and datatypes repeat: remember their compact forms
    compact = functools.lru_cache(maxsize=4096)(functools.partial(_compact, prefixes=context))
    count = 0
    for subject, group in itertools.groupby(triples, key=lambda t: t.subject.value):  # type: ignore[union-attr]
        text = _indented(_node(subject, group, compact), "    ")
        output.write(((",\n    " if count else "\n    ") + text).encode())
        count += 1
    output.write(("\n  ]\n}\n" if count else "]\n}\n").encode())
