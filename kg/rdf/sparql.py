"""SPARQL over exports: embedded (Oxigraph, with rdflib as the reference) or a SPARQL 1.1
endpoint, with values always bound, never pasted into the query text; plus the Graph Store
Protocol push and the query library of ``ontology/queries``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.client
import json
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import BNode, Identifier

from kg.errors import QueryError
from kg.rdf.formats import MEDIA_TYPES, ONTOLOGY_DIR, OX_FORMATS, check_jsonld, load, read_export
from kg.rdf.vocab import ID, PREFIXES
from kg.tables.text import text_table

# --------------------------------------------------------------------------------------------
# SPARQL

_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_INTEGER_TYPES = {
    str(XSD[name])
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {str(XSD.decimal), str(XSD.double), str(XSD.float)}


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SPARQL SELECT (ASK gives one row ``(bool,)``; CONSTRUCT gives s, p, o).

    IRIs come back as ``str``, integer literals as ``int``, decimals and doubles as ``float``,
    booleans as ``bool``, other literals as their lexical ``str``, unbound values as ``None``.
    """

    vars: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def to_table(self) -> str:
        """The rows as a plain-text table, IRIs shortened with the export's prefixes.

        Examples:
            >>> print(QueryResult(vars=["a", "n"], rows=[("x", 1)]).to_table())
            a | n
            --+--
            x | 1
        """
        cells = [[_short(v) for v in row] for row in self.rows]
        return text_table(self.vars, cells, sep=" | ")


def _short(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def _py(lexical: str, datatype: str | None) -> Any:
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype in _FLOAT_TYPES:
            return float(Decimal(lexical)) if datatype == str(XSD.decimal) else float(lexical)
        if datatype == str(XSD.boolean):
            return lexical in ("true", "1")
    except (ValueError, InvalidOperation):
        return lexical
    return lexical


def _from_rdflib(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return _py(str(term), None if term.datatype is None else str(term.datatype))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _from_oxigraph(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _py(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _term(name: str, value: object) -> Identifier:
    """A bound value as an rdflib term: IRIs must be ``URIRef`` (or pyoxigraph ``NamedNode``),
    any ``str`` is a literal.  Raises ``QueryError`` for what cannot be a safe RDF term."""
    if not _VARNAME.match(name):
        raise QueryError(f"invalid SPARQL variable name {name!r}")
    if isinstance(value, ox.NamedNode):
        value = URIRef(value.value)
    elif isinstance(value, ox.Literal):
        value = (
            Literal(value.value, lang=value.language)
            if value.language
            else Literal(value.value, datatype=URIRef(value.datatype.value))
        )
    if isinstance(value, BNode) or isinstance(value, ox.BlankNode):
        raise QueryError(f"?{name}: blank nodes cannot be bound")
    if isinstance(value, URIRef):
        if _IRI_FORBIDDEN.search(str(value)) or ":" not in str(value):
            raise QueryError(f"?{name}: {str(value)!r} is not an absolute IRI")
        return value
    if isinstance(value, Literal):
        return value
    if isinstance(value, str | int | float | bool | Decimal):
        return Literal(value)
    raise QueryError(f"?{name}: cannot bind a {type(value).__name__}")


def _values_term(term: Identifier) -> str:
    """SPARQL text of a validated term; literals escaped by hand, one line, no long quotes."""
    if isinstance(term, URIRef):
        return term.n3()
    assert isinstance(term, Literal)
    escaped = (
        str(term)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if term.language:
        if not re.match(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$", term.language):
            raise QueryError(f"invalid language tag {term.language!r}")
        return f'"{escaped}"@{term.language}'
    datatype = URIRef(term.datatype or XSD.string)
    if datatype == XSD.string:
        return f'"{escaped}"'
    if _IRI_FORBIDDEN.search(str(datatype)):
        raise QueryError(f"invalid datatype IRI {datatype!r}")
    return f'"{escaped}"^^{datatype.n3()}'


def _mask(sparql: str) -> str:
    """``sparql`` with IRIs, strings and comments blanked out (same length, same offsets), so
    that keywords, braces and variables can be found with plain regular expressions."""
    out = list(sparql)
    i, n = 0, len(sparql)

    def blank(a: int, b: int) -> None:
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif c == "<" and (iri := _IRIREF.match(sparql, i)):
            blank(i, iri.end())
            i = iri.end()
        elif c in "\"'":
            quote = sparql[i : i + 3] if sparql[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            j = min(j + len(quote), n)
            blank(i, j)
            i = j
        else:
            i += 1
    return "".join(out)


_IRIREF = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_KEYWORD = re.compile(r"(?<![\w?$:])(SELECT|ASK|CONSTRUCT|DESCRIBE|WHERE)(?![\w:])", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z_0-9\u00b7\u00c0-\U000effff]+)")


def _closing(masked: str, at: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``at``."""
    depth = 0
    for k in range(at, len(masked)):
        if masked[k] == "{":
            depth += 1
        elif masked[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    raise QueryError("unbalanced braces in the query")


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the form of the query."""
    for m in _KEYWORD.finditer(_mask(sparql)):
        if m.group(1).upper() != "WHERE":
            return m.group(1).upper()
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def query_variables(sparql: str) -> set[str]:
    """Names (without ``?``) of the variables the query mentions."""
    return {m.group(1) for m in _VARIABLE.finditer(_mask(sparql))}


def _where_brace(sparql: str) -> tuple[int, int | None]:
    """Index of the ``{`` opening the query's WHERE group (outside IRIs, strings, comments),
    and for the short form ``CONSTRUCT WHERE { ... }`` the index of its closing ``}``."""
    masked = _mask(sparql)
    keywords = list(_KEYWORD.finditer(masked))
    form = next((m for m in keywords if m.group(1).upper() != "WHERE"), None)
    start = 0 if form is None else form.end()
    if form is not None and form.group(1).upper() == "CONSTRUCT":
        head = masked[start:].lstrip()
        if head[:1] == "{":  # the template: the group is the next one
            start = _closing(masked, masked.index("{", start)) + 1
        elif head[:5].upper() == "WHERE":  # short form: the template is the group
            at = masked.find("{", start)
            if at < 0:
                raise QueryError("no WHERE group found in the query")
            return at, _closing(masked, at)
    at = masked.find("{", start)
    if at < 0:
        raise QueryError("no WHERE group found in the query")
    return at, None


def with_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """``sparql`` with a VALUES block of the bindings first in its WHERE group.

    Used for the embedded store and for endpoints alike.  Each value is validated and written
    as an RDF term; placed inside the group, the values also constrain GROUP BY queries.  A
    variable the query does not mention is refused (binding it would silently bind nothing).

    Examples:
        >>> q = with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": 'x" } ; DROP ALL ; #'})
        >>> print(q)
        SELECT ?s WHERE { VALUES (?o) { ("x\\" } ; DROP ALL ; #") }
         ?s ?p ?o }
        >>> print(with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": 1}))
        CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }
         ?s ?p ?o }
    """
    if not bindings:
        return sparql
    terms = {name: _term(name, value) for name, value in bindings.items()}
    known = query_variables(sparql)
    unknown = [name for name in terms if name not in known]
    if unknown:
        have = ", ".join(f"?{v}" for v in sorted(known)) or "none"
        raise QueryError(
            f"cannot bind {', '.join(f'?{v}' for v in unknown)}: not a variable of the query"
            f" (its variables: {have})"
        )
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(_values_term(term) for term in terms.values())
    values = f" VALUES ({names}) {{ ({row}) }}\n"
    at, short_end = _where_brace(sparql)
    if short_end is not None:  # CONSTRUCT WHERE { T }  ->  CONSTRUCT { T } WHERE { VALUES T }
        template = sparql[at + 1 : short_end]
        keyword = list(_KEYWORD.finditer(_mask(sparql)[:at]))[-1]
        return (
            f"{sparql[: keyword.start()]}{{{template}}} WHERE {{{values}{template}}}"
            f"{sparql[short_end + 1 :]}"
        )
    return f"{sparql[: at + 1]}{values}{sparql[at + 1 :]}"


#: Default overall deadline, in seconds, of one exchange with an endpoint (query or push).
DEADLINE = 300.0
#: Longest server message (HTTP error body) quoted in an error.
MAX_DETAIL = 200


def read_query(text: str) -> str:
    """The SPARQL text of ``text``: the content of a ``.rq`` / ``.sparql`` file (or of a short
    text naming an existing file), else ``text`` itself.

    Raises :class:`~kg.errors.QueryError` naming the file when it is missing, a folder or not
    UTF-8.
    """
    candidate = Path(text)
    looks_like_file = "{" not in text and "\n" not in text
    try:
        is_file = looks_like_file and candidate.is_file()
    except (OSError, ValueError):
        is_file = False
    if not (is_file or (looks_like_file and candidate.suffix in (".rq", ".sparql"))):
        return text
    if candidate.is_dir():
        raise QueryError(f"{text}: a folder, not a query file")
    try:
        data = candidate.read_bytes()
    except FileNotFoundError as e:
        raise QueryError(f"{text}: no such query file") from e
    except OSError as e:
        raise QueryError(f"{text}: cannot read: {e.strerror or e}") from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise QueryError(f"{text}: not UTF-8 text: {e}") from e


@functools.lru_cache(maxsize=4)
def _store(path: str, mtime_ns: int, size: int) -> ox.Store:
    store = ox.Store()
    suffix = Path(path).suffix
    if suffix not in OX_FORMATS:
        raise QueryError(f"{path}: unknown RDF suffix (use .ttl, .nt or .jsonld)")
    if suffix == ".jsonld":
        # Oxigraph fetches no context either, but says so less clearly; and deep nesting.
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"{path}: cannot read: {e}") from e
        check_jsonld(Path(path), text)
    try:
        store.bulk_load(path=path, format=OX_FORMATS[suffix])
    except (OSError, SyntaxError, ValueError) as e:
        raise QueryError(f"{path}: cannot load: {e}") from e
    return store


def store_for(data: str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding ``data``, cached per path, mtime and size."""
    path = Path(data).resolve()
    try:
        stat = path.stat()
    except OSError as e:
        raise QueryError(f"{data}: cannot read: {e.strerror or e}") from e
    if not path.is_file():
        raise QueryError(f"{data}: not a file")
    return _store(str(path), stat.st_mtime_ns, stat.st_size)


def query(
    sparql: str,
    *,
    data: str | Path | None = None,
    endpoint: str | None = None,
    bindings: Mapping[str, object] | None = None,
    graph_iri: str | None = None,
    deadline: float = DEADLINE,
) -> QueryResult:
    """Run ``sparql`` on an export file (embedded Oxigraph) or on a SPARQL endpoint.

    ``bindings`` maps variable names (without ``?``) to values: an ``rdflib.URIRef`` (or a
    pyoxigraph ``NamedNode``) for an IRI, any other value becomes a literal.  Values are bound,
    never pasted: they go in a VALUES block of validated RDF terms (see :func:`with_values`).
    ``endpoint`` is the server's base URL (``http://host:7878``; ``/query`` is appended unless
    the URL already ends with ``/query`` or ``/sparql``); ``graph_iri`` is then sent as
    ``default-graph-uri``, and ``deadline`` bounds the whole exchange in seconds.
    """
    if (data is None) == (endpoint is None):
        raise QueryError("give exactly one of data= (an export file) or endpoint= (a URL)")
    if endpoint is not None:
        return _query_endpoint(sparql, endpoint, bindings or {}, graph_iri, deadline)
    assert data is not None
    if bindings:
        # A VALUES block rather than Oxigraph's substitutions: the optimizer then starts from
        # the bound values (a guest's receptions: 0.7 ms instead of 70 ms on 10,000 pages),
        # and embedded and remote queries share one semantics.
        sparql = with_values(sparql, bindings)
    try:
        result = store_for(data).query(sparql)
    except (SyntaxError, ValueError, OSError, RuntimeError) as e:
        raise QueryError(f"SPARQL query failed on {data}: {e}") from e
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(vars=["ask"], rows=[(bool(result),)])
    if isinstance(result, ox.QueryTriples):
        rows = [
            tuple(_from_oxigraph(t) for t in (x.subject, x.predicate, x.object)) for x in result
        ]
        return QueryResult(vars=["subject", "predicate", "object"], rows=rows)
    names = [v.value for v in result.variables]
    rows = [tuple(_from_oxigraph(solution[name]) for name in names) for solution in result]
    return QueryResult(vars=names, rows=rows)


def query_rdflib(
    sparql: str,
    *,
    data: str | Path | Graph,
    bindings: Mapping[str, object] | None = None,
) -> QueryResult:
    """The same as ``query`` on rdflib (the reference engine), with ``initBindings``."""
    rdf_graph = data if isinstance(data, Graph) else load(data)
    init = {name: _term(name, value) for name, value in (bindings or {}).items()}
    if init:
        with_values(sparql, init)  # the same checks, unknown variables included
    try:
        result = rdf_graph.query(sparql, initBindings=init)
    except Exception as e:  # rdflib raises pyparsing and plain exceptions alike
        raise QueryError(f"SPARQL query failed: {e}") from e
    if result.type == "ASK":
        return QueryResult(vars=["ask"], rows=[(bool(result.askAnswer),)])
    if result.type == "CONSTRUCT":
        rows = [tuple(_from_rdflib(t) for t in triple) for triple in result]  # type: ignore[union-attr]
        return QueryResult(vars=["subject", "predicate", "object"], rows=rows)
    names = [str(v) for v in result.vars or []]
    rows = [tuple(_from_rdflib(row[name]) for name in names) for row in result]  # type: ignore[call-overload,index]
    return QueryResult(vars=names, rows=rows)


def _service(endpoint: str, service: str) -> str:
    base = endpoint.rstrip("/")
    for suffix in ("/query", "/sparql", "/store", "/update"):
        if base.endswith(suffix):
            if service == "query" and suffix in ("/query", "/sparql"):
                return base
            base = base[: -len(suffix)]
    return f"{base}/{service}"


_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?")


def printable(text: str, limit: int = MAX_DETAIL) -> str:
    r"""``text`` safe to print on one terminal line: escape sequences and control, format and
    bidi characters removed, white space collapsed, cut to ``limit`` characters.

    Examples:
        >>> printable("\x1b[31mred\x1b[0m\x07 and\n\u202eevil " + "x" * 300, 30)
        'red and evil xxxxxxxxxxxxxxxx…'
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or ch.isprintable())
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Deadline:
    """Shuts down every socket of the exchange once ``seconds`` have passed, whatever the
    server does: one byte every few seconds resets a per-read timeout, not this."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._connections: list[http.client.HTTPConnection] = []
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def connection(self, cls: type[http.client.HTTPConnection]) -> Any:
        def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
            conn = cls(host, **kwargs)
            with self._lock:
                self._connections.append(conn)
            return conn

        return make

    def _watch(self) -> None:
        if self._done.wait(self.seconds):
            return
        self.expired = True
        while True:  # again and again: a connection may be opening right now
            with self._lock:
                sockets = [c.sock for c in self._connections if c.sock is not None]
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            if self._done.wait(0.05):
                return

    def __enter__(self) -> _Deadline:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def _http(request: urllib.request.Request, what: str, deadline: float) -> bytes:
    """The body of the answer to ``request``, all of it within ``deadline`` seconds."""
    if deadline <= 0:
        raise QueryError(f"{what}: the deadline must be positive, got {deadline}")
    with _Deadline(deadline) as watch:

        class HTTP(urllib.request.HTTPHandler):
            def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(watch.connection(http.client.HTTPConnection), req)

        class HTTPS(urllib.request.HTTPSHandler):
            def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                context = getattr(self, "_context", None)  # the handler's SSL context
                return self.do_open(
                    watch.connection(http.client.HTTPSConnection), req, context=context
                )

        opener = urllib.request.build_opener(HTTP, HTTPS)
        try:
            with opener.open(request, timeout=deadline) as response:
                body = bytes(response.read())
        except urllib.error.HTTPError as e:
            try:
                detail = e.read(4 * MAX_DETAIL).decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                detail = ""
            if watch.expired:
                raise QueryError(f"{what}: no complete answer within {deadline:g} s") from e
            raise QueryError(f"{what}: HTTP {e.code}: {printable(detail)}") from e
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as e:
            if watch.expired:
                raise QueryError(f"{what}: no complete answer within {deadline:g} s") from e
            reason = e.reason if isinstance(e, urllib.error.URLError) else e
            raise QueryError(f"{what}: {printable(str(reason))}") from e
    if watch.expired:  # a body cut by the shutdown may look complete
        raise QueryError(f"{what}: no complete answer within {deadline:g} s")
    return body


def _json_term(term: Mapping[str, str] | None) -> Any:
    if term is None:
        return None
    if term["type"] == "uri":
        return term["value"]
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    return _py(term["value"], term.get("datatype"))


def _query_endpoint(
    sparql: str,
    endpoint: str,
    bindings: Mapping[str, object],
    graph_iri: str | None,
    deadline: float,
) -> QueryResult:
    url = _service(endpoint, "query")
    if graph_iri is not None:
        url += "?" + urllib.parse.urlencode({"default-graph-uri": graph_iri})
    graph_form = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
    request = urllib.request.Request(
        url,
        data=with_values(sparql, bindings).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": "application/n-triples" if graph_form else "application/sparql-results+json",
        },
    )
    what = f"SPARQL query on {url}"
    body = _http(request, what, deadline)
    if graph_form:
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as e:
            raise QueryError(f"{what}: the answer is not N-Triples: {printable(str(e))}") from e
        rows = [
            tuple(_from_oxigraph(t) for t in (x.subject, x.predicate, x.object)) for x in triples
        ]
        return QueryResult(vars=["subject", "predicate", "object"], rows=rows)
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError) as e:
        raise QueryError(f"{what}: the answer is not JSON: {printable(str(e))}") from e
    try:
        if "boolean" in answer:
            return QueryResult(vars=["ask"], rows=[(bool(answer["boolean"]),)])
        names = answer["head"]["vars"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise TypeError("head.vars is not a list of names")
        rows = [
            tuple(_json_term(b.get(name)) for name in names) for b in answer["results"]["bindings"]
        ]
    except (KeyError, TypeError, AttributeError, IndexError) as e:
        raise QueryError(
            f"{what}: the answer is not a SPARQL JSON result ({printable(repr(e))})"
        ) from e
    return QueryResult(vars=list(names), rows=rows)


def default_graph_iri(data_path: str | Path) -> str:
    """The named graph a push of ``data_path`` replaces by default: one per export folder.

    ``id:graph/<folder name>-<hash of its absolute path>``, so that pushing ``graph.ttl`` and
    ``graph.nt`` of one build, or a rebuild into the same folder, replaces the same graph, and
    two export folders never replace each other's graph.

    Examples:
        >>> default_graph_iri("/srv/kg/exports/graph.ttl")
        'https://w3id.org/kg-diplomacy/id/graph/exports-eb80487b60e7'
    """
    folder = Path(data_path).absolute().parent
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", folder.name).strip("-")[:60] or "export"
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:12]
    return f"{ID}graph/{name}-{digest}"


def push(
    data_path: str | Path,
    *,
    endpoint: str,
    graph_iri: str | None = None,
    default_graph: bool = False,
    deadline: float = DEADLINE,
) -> str | None:
    """Replace a named graph of a SPARQL 1.1 store with an export (Graph Store Protocol, PUT).

    ``graph_iri`` names the graph to replace; by default it is :func:`default_graph_iri` of the
    export, never the store's default graph, which other data may share: that one is replaced
    only with ``default_graph=True``.  PUT replaces, so pushing the same file twice leaves the
    same triples.  ``deadline`` bounds the whole upload in seconds.  Returns the graph IRI
    (``None`` for the default graph).
    """
    if default_graph and graph_iri is not None:
        raise QueryError("give a graph IRI or ask for the default graph, not both")
    path = Path(data_path)
    body = read_export(path)
    if not default_graph:
        graph_iri = graph_iri or default_graph_iri(path)
        if _IRI_FORBIDDEN.search(graph_iri) or ":" not in graph_iri:
            raise QueryError(f"{graph_iri!r} is not an absolute IRI")
    target = {"default": ""} if default_graph else {"graph": graph_iri}
    url = _service(endpoint, "store") + "?" + urllib.parse.urlencode(target)
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": MEDIA_TYPES[path.suffix]}
    )
    _http(request, f"push of {path} to {url}", deadline)
    return None if default_graph else graph_iri


def library_queries() -> dict[str, str]:
    """The questions shipped in ``ontology/queries/``, by file stem."""
    return {p.stem: p.read_text("utf-8") for p in sorted((ONTOLOGY_DIR / "queries").glob("*.rq"))}
