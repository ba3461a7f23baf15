"""RDF, SPARQL and the network under faults (issue #16): a shared store keeps its other data,
a trickling server meets a deadline, JSON-LD never fetches a context, bad files and bad
answers give one ``kg:`` line, CONSTRUCT takes bindings, unknown bindings are refused."""

from __future__ import annotations

import http.server
import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import URIRef

from kg import rdf
from kg.api import KnowledgeGraph
from kg.cli import main
from kg.errors import QueryError
from kg.rdf import sparql
from kg.rdf.vocab import ID, entity_iri
from tests.rdf_fixtures import DATA
from tests.test_rdf import COUNT, endpoint, free_port  # noqa: F401  (the oxigraph fixture)

OTHER = "<http://example.org/other/s> <http://example.org/other/p> {} .\n"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return rdf.write(DATA, tmp_path_factory.mktemp("export") / "exports")


def one_kg_line(err: str) -> str:
    """The single ``kg: ...`` line of a failed command (no traceback)."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: "), err
    return lines[0]


# --- small local servers (127.0.0.1 only) -----------------------------------------------------


@contextmanager
def http_server(
    respond: Callable[[http.server.BaseHTTPRequestHandler], None],
) -> Iterator[tuple[str, list[str]]]:
    """A threaded HTTP server on 127.0.0.1 answering with ``respond``; yields its URL and the
    list of the paths it was asked for."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            seen.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            respond(self)

        do_GET = do_POST = do_PUT = _any

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def answer(status: int, body: bytes, content_type: str = "application/json") -> Callable[..., None]:
    def respond(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


@contextmanager
def trickling_server(interval: float) -> Iterator[str]:
    """A server that reads the request, then sends its answer one byte every ``interval`` s:
    a per-read timeout longer than ``interval`` never fires."""
    stop = threading.Event()

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            sock: socket.socket = self.request
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            while len(body) < length:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                body += chunk
            reply = b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + b"x" * 1_000_000
            for byte in reply:
                if stop.wait(interval):
                    return
                try:
                    sock.sendall(bytes([byte]))
                except OSError:
                    return

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


# --- point 2: a push never touches the default graph unless asked ------------------------------


def test_push_without_graph_keeps_the_default_graph(
    endpoint: str,  # noqa: F811
    exported: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The shared store already holds someone else's data: in its default graph and in a
    # named graph of its own.
    default_data = tmp_path / "default.nt"
    default_data.write_text(OTHER.format('"kept"') * 1, encoding="utf-8")
    assert rdf.push(default_data, endpoint=endpoint, default_graph=True) is None
    other_graph = "http://example.org/graph/other"
    named_data = tmp_path / "named.nt"
    named_data.write_text(OTHER.format('"a"') + OTHER.format('"b"'), encoding="utf-8")
    rdf.push(named_data, endpoint=endpoint, graph_iri=other_graph)
    before = rdf.query("SELECT ?o WHERE { ?s ?p ?o }", endpoint=endpoint).rows
    assert ("kept",) in before

    graph = rdf.push(exported["ttl"], endpoint=endpoint)
    assert graph is not None and graph.startswith(f"{ID}graph/exports-")
    assert graph == sparql.default_graph_iri(exported["nt"])  # one graph per export folder
    expected = len(rdf.to_rdf(DATA))
    assert rdf.query(COUNT, endpoint=endpoint, graph_iri=graph).rows == [(expected,)]
    assert rdf.query("SELECT ?o WHERE { ?s ?p ?o }", endpoint=endpoint).rows == before
    assert rdf.query(COUNT, endpoint=endpoint, graph_iri=other_graph).rows == [(2,)]

    # The command line does the same, says which graph, and a repeat replaces that graph.
    assert main(["push", "--data", str(exported["nt"]), "--endpoint", endpoint]) == 0
    assert f"graph <{graph}>" in capsys.readouterr().out
    assert rdf.query(COUNT, endpoint=endpoint, graph_iri=graph).rows == [(expected,)]
    assert rdf.query("SELECT ?o WHERE { ?s ?p ?o }", endpoint=endpoint).rows == before
    assert rdf.query(COUNT, endpoint=endpoint, graph_iri=other_graph).rows == [(2,)]
    # `kg sparql --endpoint --graph` queries that graph.
    args = ["sparql", COUNT, "--endpoint", endpoint, "--graph", graph]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1].strip() == str(expected)

    # Only when asked is the default graph replaced.
    with pytest.raises(QueryError, match="not both"):
        rdf.push(exported["ttl"], endpoint=endpoint, graph_iri=graph, default_graph=True)
    args = ["push", "--data", str(named_data), "--endpoint", endpoint, "--default-graph"]
    assert main(args) == 0
    assert "the default graph" in capsys.readouterr().out
    assert sorted(rdf.query("SELECT ?o WHERE { ?s ?p ?o }", endpoint=endpoint).rows) == [
        ("a",),
        ("b",),
    ]
    assert rdf.query(COUNT, endpoint=endpoint, graph_iri=other_graph).rows == [(2,)]


def test_push_help_names_the_graph(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["push", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "never the store's default graph unless asked" in out
    assert "--default-graph" in out and "--deadline" in out


# --- point 7: an overall deadline, not one per read ---------------------------------------------


def test_trickling_server_meets_the_deadline(
    exported: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with trickling_server(interval=0.2) as url:
        started = time.monotonic()
        with pytest.raises(QueryError, match=r"no complete answer within 1\.5 s"):
            rdf.push(exported["ttl"], endpoint=url, deadline=1.5)
        assert time.monotonic() - started < 4
        started = time.monotonic()
        with pytest.raises(QueryError, match=r"no complete answer within 1 s"):
            rdf.query(COUNT, endpoint=url, deadline=1)
        assert time.monotonic() - started < 4
        started = time.monotonic()
        args = ["push", "--data", str(exported["ttl"]), "--endpoint", url, "--deadline", "1"]
        assert main(args) == 1
        assert "no complete answer within 1 s" in one_kg_line(capsys.readouterr().err)
        assert time.monotonic() - started < 4


def test_deadline_must_be_positive(exported: dict[str, Path]) -> None:
    with pytest.raises(QueryError, match="deadline must be positive"):
        rdf.push(exported["ttl"], endpoint="http://127.0.0.1:9", deadline=0)


# --- point 8: loading JSON-LD never touches the network ------------------------------------------


CONTEXT = json.dumps({"@context": {"name": "https://schema.org/name"}}).encode()


@pytest.mark.parametrize(
    "document",
    [
        {"@context": "{url}/ctx.jsonld", "@id": "http://ex/a", "name": "x"},
        {"@context": ["{url}/ctx.jsonld"], "@id": "http://ex/a", "name": "x"},
        {"@context": {"@import": "{url}/ctx.jsonld"}, "@id": "http://ex/a", "name": "x"},
        {"@graph": [{"@context": "{url}/ctx.jsonld", "@id": "http://ex/a", "name": "x"}]},
    ],
)
def test_remote_jsonld_context_is_refused_and_never_fetched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: dict[str, object]
) -> None:
    with http_server(answer(200, CONTEXT, "application/ld+json")) as (url, seen):
        path = tmp_path / "remote.jsonld"
        path.write_text(json.dumps(document).replace("{url}", url), encoding="utf-8")
        with pytest.raises(QueryError, match="remote; loading never touches the network"):
            rdf.load(path)
        with pytest.raises(QueryError, match="remote"):
            KnowledgeGraph.load(path)
        for args in (
            ["query", "visits", "--data", str(path)],
            ["export", "--format", "csv", "--data", str(path), "--out", str(tmp_path / "x.csv")],
            ["sparql", COUNT, "--data", str(path)],
        ):
            assert main(args) == 1
            assert "remote" in one_kg_line(capsys.readouterr().err)
        assert seen == []  # the server was never contacted
        # Allowed on request: then the context is fetched.
        if "@import" not in json.dumps(document):
            loaded = rdf.load(path, allow_remote_contexts=True)
            assert seen and len(loaded) == 1
            assert main(["query", "visits", "--data", str(path), "--allow-remote-context"]) == 0


# --- point 11: bad files and bad answers give one kg: line ---------------------------------------


def test_bad_query_files_are_one_line_errors(
    tmp_path: Path, exported: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder.rq").mkdir()
    (tmp_path / "latin1.rq").write_bytes('SELECT * WHERE { ?s ?p "é" }'.encode("latin-1"))
    cases = {
        "missing.rq": "no such query file",
        "folder.rq": "a folder, not a query file",
        "latin1.rq": "not UTF-8",
    }
    for name, message in cases.items():
        assert main(["sparql", str(tmp_path / name), "--data", str(exported["ttl"])]) == 1
        line = one_kg_line(capsys.readouterr().err)
        assert name in line and message in line


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>not json", "the answer is not JSON"),
        (b'{"head": {}, "results": {"bindings": []}}', "not a SPARQL JSON result"),
        (b'{"head": {"vars": ["a"]}, "results": {"bindings": [{"a": {}}]}}', "not a SPARQL JSON"),
        (b"[1, 2]", "not a SPARQL JSON result"),
        (b"[" * 100_000 + b"]" * 100_000, "the answer is not JSON"),
    ],
)
def test_bad_endpoint_answers_are_one_line_errors(
    body: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with http_server(answer(200, body)) as (url, _):
        with pytest.raises(QueryError, match=message):
            rdf.query(COUNT, endpoint=url)
        assert main(["sparql", COUNT, "--endpoint", url]) == 1
        assert message in one_kg_line(capsys.readouterr().err)


def deep(kind: str) -> str:
    n = 100_000
    if kind == "list":
        return "[" * n + "]" * n
    if kind == "object":
        return '{"a":' * n + "1" + "}" * n
    return '{"@graph":' + "[" * n + "]" * n + "}"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("truncated.ttl", None, "cannot load as turtle"),
        ("number.jsonld", "42", "the top level is a number"),
        ("string.jsonld", '"x"', "the top level is a string"),
        ("notjson.jsonld", "{", "not JSON"),
        ("list.jsonld", deep("list"), "nested too deep"),
        ("object.jsonld", deep("object"), "nested too deep"),
        ("graph.jsonld", deep("graph"), "nested too deep"),
        ("latin1.ttl", '<http://a> <http://b> "\xe9" .', "not UTF-8"),
    ],
)
def test_bad_export_files_are_one_line_errors(
    tmp_path: Path,
    exported: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is None:
        text = exported["ttl"].read_text(encoding="utf-8")
        path.write_text(text[: len(text) // 3], encoding="utf-8")
    elif name.startswith("latin1"):
        path.write_bytes(content.encode("latin-1"))
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(QueryError, match=message):
        rdf.load(path)
    assert main(["query", "visits", "--data", str(path)]) == 1
    line = one_kg_line(capsys.readouterr().err)
    assert name in line and message in line
    # The embedded SPARQL store refuses them too, in one line.
    assert main(["sparql", COUNT, "--data", str(path)]) in (0, 1)
    one_line = capsys.readouterr()
    if one_line.err:
        one_kg_line(one_line.err)


# --- point 12: CONSTRUCT with bindings, unknown variables, raw error bodies ---------------------

CONSTRUCT = """PREFIX schema: <https://schema.org/>
CONSTRUCT { ?p schema:name ?name } WHERE { ?p schema:name ?name }"""


def test_construct_takes_bindings(exported: dict[str, Path], endpoint: str) -> None:  # noqa: F811
    person = entity_iri("person:xiong-bo")
    expected = [(str(person), "https://schema.org/name", "Xiong Bo")]
    embedded = rdf.query(CONSTRUCT, data=exported["ttl"], bindings={"p": person})
    assert embedded.rows == expected
    assert rdf.query_rdflib(CONSTRUCT, data=exported["ttl"], bindings={"p": person}).rows == (
        expected
    )
    graph = rdf.push(exported["ttl"], endpoint=endpoint)
    remote = rdf.query(CONSTRUCT, endpoint=endpoint, bindings={"p": person}, graph_iri=graph)
    assert remote.rows == expected
    # The short form CONSTRUCT WHERE { ... } too.
    short = "CONSTRUCT WHERE { ?p <https://schema.org/name> ?name }"
    assert rdf.query(short, data=exported["ttl"], bindings={"p": person}).rows == expected


def test_construct_with_bind_on_the_command_line(
    exported: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["sparql", CONSTRUCT, "--data", str(exported["ttl"]), "--bind", "p=person:xiong-bo"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Xiong Bo" in out and len(out.strip().splitlines()) == 3


def test_values_never_land_in_a_template() -> None:
    bound = rdf.with_values(CONSTRUCT, {"p": URIRef("http://ex/a")})
    template, where = bound.split("WHERE", 1)
    assert "VALUES" not in template and "VALUES (?p)" in where
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(bound)


def test_binding_an_unknown_variable_is_refused(
    exported: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = rdf.library_queries()["receptions"]
    for engine in (rdf.query, rdf.query_rdflib):
        with pytest.raises(QueryError, match=r"cannot bind \?country: not a variable"):
            engine(text, data=exported["ttl"], bindings={"country": "x"})
    # A variable named only in a comment or a string is no variable of the query.
    with pytest.raises(QueryError, match="not a variable"):
        rdf.with_values('SELECT ?s WHERE { ?s ?p "?x" } # ?x', {"x": 1})
    args = ["sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--data", str(exported["ttl"])]
    assert main([*args, "--bind", "country=VN"]) == 1
    line = one_kg_line(capsys.readouterr().err)
    assert "?country" in line and "?o, ?p, ?s" in line


def test_error_body_is_cleaned_and_cut(capsys: pytest.CaptureFixture[str]) -> None:
    hostile = b"\x1b[2J\x1b]0;owned\x07\x1b[31mboom\r\n\x00\xe2\x80\xae" + b"A" * 10_000
    with http_server(answer(500, hostile, "text/plain")) as (url, _):
        with pytest.raises(QueryError) as caught:
            rdf.query(COUNT, endpoint=url)
        message = str(caught.value)
        assert "HTTP 500: boom AAA" in message
        assert not any(not ch.isprintable() for ch in message)
        assert len(message) < 400 and message.endswith("…")
        assert main(["sparql", COUNT, "--endpoint", url]) == 1
        line = one_kg_line(capsys.readouterr().err)
        assert "\x1b" not in line and "owned" not in line


def test_unreachable_endpoint_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["sparql", COUNT, "--endpoint", url]) == 1
    one_kg_line(capsys.readouterr().err)
