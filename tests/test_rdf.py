"""RDF export: round trips, stable bytes, SHACL, the query library on three engines."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF
from rdflib.term import BNode

from kg import rdf
from kg.errors import QueryError
from kg.facttypes import FACT_TYPES, spec
from kg.model import Fact, GraphData
from kg.rdf import mapping, sparql
from kg.rdf.vocab import KG, PARTNERSHIP_LEVELS, country_iri, document_iri, entity_iri, fact_iri
from tests.rdf_fixtures import AGREEMENT, DATA, RECEPTION

ID = "https://w3id.org/kg-diplomacy/id/"
ONTOLOGY = rdf.ONTOLOGY_DIR
FORMATS = ("ttl", "nt", "jsonld")
HOSTILE = ('"x" } ; DROP ALL ; #', "<script>", 'x"""\n} DROP ALL #\\', "') } #")


def sorted_data(data: GraphData) -> GraphData:
    return GraphData(
        entities=tuple(sorted(data.entities, key=lambda e: e.id)),
        facts=tuple(sorted(data.facts, key=lambda f: f.id)),
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return rdf.write(DATA, tmp_path_factory.mktemp("export"))


# --- IRIs and vocabulary ---------------------------------------------------------------------


def test_iri_scheme() -> None:
    assert entity_iri("person:tran-dai-quang") == URIRef(ID + "person/tran-dai-quang")
    assert entity_iri("country:VN") == URIRef(ID + "country/VN")
    assert fact_iri("fact:0123abcd") == URIRef(ID + "fact/0123abcd")
    assert document_iri("db56f8231e5772b9") == URIRef(ID + "doc/db56f8231e5772b9")
    # Unsafe characters are escaped, never passed into the IRI.
    assert entity_iri('person:a b>"c') == URIRef(ID + "person/a%20b%3E%22c")


def test_namespace_is_closed() -> None:
    assert KG.received == URIRef("https://w3id.org/kg-diplomacy/ontology#received")
    with pytest.raises(AttributeError):
        _ = KG.recieved


def test_every_term_is_defined_in_the_ontology() -> None:
    ontology = Graph().parse(ONTOLOGY / "kg.ttl")
    terms = {KG[name] for name in KG.__annotations__}
    assert len(terms) > 50
    undefined = sorted(str(t) for t in terms if (t, None, None) not in ontology)
    assert not undefined
    # The level triples the export carries are the ontology's own.
    for token, (concept, rank, en, fr) in PARTNERSHIP_LEVELS.items():
        assert (
            concept,
            URIRef("http://www.w3.org/2004/02/skos/core#notation"),
            Literal(token),
        ) in (ontology)
        assert (concept, KG.rank, Literal(rank)) in ontology
        labels = set(ontology.objects(concept, URIRef(mapping.SKOS_PREF_LABEL)))
        assert {Literal(en, lang="en"), Literal(fr, lang="fr")} <= labels


def test_published_context_is_the_one_used() -> None:
    published = json.loads((ONTOLOGY / "context.jsonld").read_text("utf-8"))
    assert published == rdf.jsonld_context()
    assert published["@context"]["schema"] == "https://schema.org/"


# --- export shape and round trips --------------------------------------------------------------


def test_export_has_events_roles_evidence_and_shortcuts() -> None:
    g = rdf.to_rdf(DATA)
    reception = fact_iri(RECEPTION.id)
    assert (reception, RDF.type, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")) in g
    host = URIRef(f"{reception}/role/host")
    assert (host, RDF.value, entity_iri("person:dinh-tien-dung")) in g
    assert len(set(g.objects(reception, PROV.wasDerivedFrom))) == 3
    assert (entity_iri("person:dinh-tien-dung"), KG.received, entity_iri("person:xiong-bo")) in g
    assert (entity_iri("person:nguyen-xuan-phuc"), KG.visited, country_iri("RU")) in g
    assert (country_iri("KR"), KG.hasPartnershipWith, country_iri("VN")) in g
    assert (country_iri("VN"), KG.hasPartnershipWith, country_iri("KR")) in g
    assert (entity_iri("person:sergei-lavrov"), KG.met, entity_iri("person:nguyen-xuan-phuc")) in g
    assert (country_iri("VN"), URIRef("http://www.w3.org/2002/07/owl#sameAs"), None) in g
    # China's Wikidata IRI comes from the shipped table, kept apart as schema:sameAs.
    assert (country_iri("CN"), URIRef("https://schema.org/sameAs"), None) in g
    assert not any(isinstance(term, BNode) for triple in g for term in triple)


def test_from_rdf_restores_the_data() -> None:
    back = rdf.from_rdf(rdf.to_rdf(DATA))
    assert back == sorted_data(DATA)
    agreement = next(f for f in back.facts if f.id == AGREEMENT.id)
    assert agreement.attributes["count"] == 2 and isinstance(agreement.attributes["count"], int)
    assert agreement.attributes["labels"] == AGREEMENT.attributes["labels"]
    assert agreement.attributes["participants_as_written"] is None
    assert isinstance(agreement.roles["parties"], tuple)
    reception = next(f for f in back.facts if f.id == RECEPTION.id)
    assert len(reception.roles["host"]) == 1
    assert reception.also == RECEPTION.also


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_through_files(exported: dict[str, Path], fmt: str) -> None:
    loaded = rdf.load(exported[fmt])
    original = rdf.to_rdf(DATA)
    assert isomorphic(loaded, original)
    assert isomorphic(rdf.to_rdf(rdf.from_rdf(loaded)), original)
    assert rdf.from_rdf(loaded) == sorted_data(DATA)


def test_writes_are_byte_identical(tmp_path: Path) -> None:
    first = rdf.write(DATA, tmp_path / "a")
    reordered = GraphData(entities=DATA.entities[::-1], facts=DATA.facts[::-1])
    second = rdf.write(reordered, tmp_path / "b")
    for fmt in FORMATS:
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt
    assert not list(tmp_path.glob("*/.*tmp"))


def test_streamed_export_is_sorted_and_free_of_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tiny sorted runs (many spills, the same triple in several runs) give the same bytes as
    one run, and the N-Triples file is exactly what Oxigraph's own writer makes of it."""
    import pyoxigraph as ox

    from kg.rdf import writer as serialize

    whole = rdf.write(DATA, tmp_path / "one-run")
    monkeypatch.setattr(serialize, "RUN_LINES", 7)
    runs = rdf.write(DATA, tmp_path / "many-runs")
    for fmt in FORMATS:
        assert runs[fmt].read_bytes() == whole[fmt].read_bytes(), fmt
    lines = whole["nt"].read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == len(set(lines)) == len(rdf.to_rdf(DATA))
    subjects = [line[1 : line.index(">")] for line in lines]
    assert subjects == sorted(subjects)
    parsed = [q.triple for q in ox.parse(whole["nt"].read_bytes(), format=ox.RdfFormat.N_TRIPLES)]
    assert ox.serialize(parsed, format=ox.RdfFormat.N_TRIPLES) == whole["nt"].read_bytes()
    # every subject's triples form one node object in the JSON-LD
    graph = json.loads(whole["jsonld"].read_text(encoding="utf-8"))["@graph"]
    assert [node["@id"] for node in graph] == sorted(set(subjects))


@pytest.mark.parametrize("fmt", FORMATS)
def test_line_breaking_characters_survive_the_sorted_runs(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs on disk are read back line by line: no literal may break a line."""
    from kg.rdf import writer as serialize

    monkeypatch.setattr(serialize, "RUN_LINES", 2)
    g = Graph()
    for i, value in enumerate(["a\rb", "c\u2028d", "e\x85f", "g\th", "i\nj", 'k\\l"', "m\r\nn"]):
        g.add((URIRef(f"http://x/s{i}"), URIRef("http://x/p"), Literal(value)))
    parsed = Graph().parse(data=rdf.serialize(g, fmt), format=rdf.FORMATS[fmt])
    assert set(parsed) == set(g)


def test_empty_graph_exports_parse(tmp_path: Path) -> None:
    written = rdf.write(GraphData(entities=(), facts=()), tmp_path)
    for fmt in FORMATS:
        assert len(rdf.load(written[fmt])) == 0, fmt
    assert json.loads(written["jsonld"].read_text(encoding="utf-8"))["@graph"] == []


@pytest.mark.slow
def test_writes_do_not_depend_on_hash_seed(tmp_path: Path) -> None:
    script = (
        "import sys; sys.path.insert(0, '.');"
        "from kg import rdf; from tests.rdf_fixtures import DATA;"
        "rdf.write(DATA, sys.argv[1])"
    )
    root = Path(__file__).resolve().parent.parent
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / seed)], cwd=root, env=env, check=True
        )
    for fmt in FORMATS:
        name = f"graph.{fmt}"
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_fact_without_id_gets_a_stable_one() -> None:
    fact = RECEPTION.model_copy(update={"id": ""})
    data = GraphData(entities=(), facts=(fact,))
    first, second = rdf.from_rdf(rdf.to_rdf(data)), rdf.from_rdf(rdf.to_rdf(data))
    assert first.facts[0].id == second.facts[0].id == mapping.fact_id_of(fact)
    assert first.facts[0].id.startswith("fact:")


def test_duplicate_fact_ids_are_refused() -> None:
    with pytest.raises(QueryError, match="share an id"):
        rdf.to_rdf(GraphData(entities=(), facts=(RECEPTION, RECEPTION)))


# --- SHACL -----------------------------------------------------------------------------------


def validate(data_graph: Graph) -> tuple[bool, str]:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(
        data_graph,
        shacl_graph=Graph().parse(ONTOLOGY / "shapes.ttl"),
        ont_graph=Graph().parse(ONTOLOGY / "kg.ttl"),
        inference="none",
        meta_shacl=True,
        abort_on_first=False,
        allow_warnings=False,
    )
    return bool(conforms), str(text)


@pytest.mark.slow
def test_export_conforms_to_the_shapes(exported: dict[str, Path]) -> None:
    conforms, text = validate(rdf.load(exported["ttl"]))
    assert conforms, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("no_evidence", "sentence it came from"),
        ("bad_iso2", "ISO 3166-1"),
        ("confidence", "Confidence"),
        ("no_roles", "actor role"),
        ("offsets", "start < end"),
    ],
)
def test_shapes_catch_broken_exports(breakage: str, expected: str) -> None:
    g = rdf.to_rdf(DATA)
    fact = fact_iri(RECEPTION.id)
    if breakage == "no_evidence":
        g.remove((fact, PROV.wasDerivedFrom, None))
    elif breakage == "bad_iso2":
        g.set((country_iri("VN"), KG.iso2, Literal("vn")))
    elif breakage == "confidence":
        g.set((fact, KG.confidence, Literal("1.5", datatype=mapping.XSD.decimal)))
    elif breakage == "no_roles":
        g.remove((fact, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor"), None))
    elif breakage == "offsets":
        selector = URIRef(f"{fact}/evidence/0/selector")
        g.set((selector, mapping.OA.start, Literal(500, datatype=mapping.XSD.nonNegativeInteger)))
    conforms, text = validate(g)
    assert not conforms
    assert expected in text


# --- the query library -------------------------------------------------------------------------

VN, RU, KR, CN = (f"{ID}country/{c}" for c in ("VN", "RU", "KR", "CN"))
BINDINGS: dict[str, dict[str, object]] = {
    "visits_between_countries": {"countryA": URIRef(RU), "countryB": URIRef(VN)},
    "receptions": {},
    "agreements_per_pair": {},
    "partnership_level": {"countryA": URIRef(KR), "countryB": URIRef(VN)},
    "officials_of_country": {"country": URIRef(VN)},
    "evidence_of_fact": {"fact": fact_iri(RECEPTION.id)},
    "top_partners": {},
}
RECEPTION_IRI = f"{ID}fact/0001reception"
EXPECTED: dict[str, list[tuple[object, ...]]] = {
    "visits_between_countries": [
        (
            f"{ID}fact/0002visit",
            "Nguyen Xuan Phuc",
            VN,
            RU,
            "2022-11-28",
            "2022-12-01",
            "official",
            "planned",
            RU,
            VN,
        )
    ],
    "receptions": [
        (
            RECEPTION_IRI,
            "Dinh Tien Dung",
            "Xiong Bo",
            "--04-11",
            "Hanoï",
            f"{ID}person/dinh-tien-dung",
            f"{ID}person/xiong-bo",
        )
    ],
    "agreements_per_pair": [(CN, VN, 1, 2)],
    "partnership_level": [
        (
            str(KG.ComprehensiveStrategicPartnership),
            "comprehensive_strategic_partnership",
            "comprehensive strategic partnership",
            6,
            "2022-12",
            "upgrade",
            "Partenariat stratégique global",
            f"{ID}fact/0005partnership",
            KR,
            VN,
        ),
        (
            str(KG.StrategicPartnership),
            "strategic_partnership",
            "strategic partnership",
            5,
            "2009-10",
            None,
            "partenariat stratégique",
            f"{ID}fact/0006partnership",
            KR,
            VN,
        ),
    ],
    "officials_of_country": [
        (
            f"{ID}person/dinh-tien-dung",
            "Dinh Tien Dung",
            "party_secretary",
            "secrétaire du Comité du Parti de Hanoï",
            "Comité du Parti de Hanoï",
            "--04-11",
            "2022-10-30",
            VN,
        ),
        (
            f"{ID}person/nguyen-xuan-phuc",
            "Nguyen Xuan Phuc",
            "prime_minister",
            "Premier ministre",
            None,
            None,
            None,
            VN,
        ),
        (
            f"{ID}person/nguyen-xuan-phuc",
            "Nguyen Xuan Phuc",
            "president",
            "président",
            None,
            "2022-12",
            None,
            VN,
        ),
    ],
    "evidence_of_fact": [
        (
            n,
            ev.sentence,
            ev.doc,
            ev.article,
            ev.section,
            *ev.span,
            "received.active",
            0.9,
            RECEPTION_IRI,
        )
        for n, ev in enumerate((RECEPTION.evidence, *RECEPTION.also))
    ],
    "top_partners": [(KR, "République de Corée", 3), (CN, "Chine", 2), (RU, "Russie", 2)],
}


def test_every_library_query_is_documented_and_tested() -> None:
    queries = rdf.library_queries()
    assert set(queries) == set(EXPECTED)
    for name, text in queries.items():
        header = [line for line in text.splitlines() if line.startswith("#")]
        assert header, name
        params = re.findall(r"^# param \?(\w+)", text, flags=re.M)
        assert sorted(params) == sorted(BINDINGS[name]) or name == "receptions", name
        select = text[text.index("SELECT") : text.index("WHERE")]
        for param in params:
            # parameters are projected: every row says what it answers
            assert f"?{param}" in select, (name, param)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_query_on_both_engines(exported: dict[str, Path], name: str, fmt: str) -> None:
    text = rdf.library_queries()[name]
    embedded = rdf.query(text, data=exported[fmt], bindings=BINDINGS[name])
    reference = rdf.query_rdflib(text, data=exported[fmt], bindings=BINDINGS[name])
    assert embedded.rows == EXPECTED[name]
    assert reference.rows == EXPECTED[name]
    assert embedded.vars == reference.vars
    assert embedded.to_table().count("\n") == len(EXPECTED[name]) + 1


def test_receptions_filtered_by_guest(exported: dict[str, Path]) -> None:
    text = rdf.library_queries()["receptions"]
    for engine in (rdf.query, rdf.query_rdflib):
        hit = engine(text, data=exported["ttl"], bindings={"guest": entity_iri("person:xiong-bo")})
        assert [row[2] for row in hit.rows] == ["Xiong Bo"]
        miss = engine(text, data=exported["ttl"], bindings={"guest": entity_iri("person:nobody")})
        assert miss.rows == []


def hostile_cases() -> Iterator[tuple[str, dict[str, object]]]:
    for name, bindings in BINDINGS.items():
        for var in bindings or ({"guest": None} if name == "receptions" else {}):
            for value in HOSTILE:
                yield name, {**bindings, var: value}


@pytest.mark.parametrize(("name", "bindings"), list(hostile_cases()))
def test_hostile_values_are_bound_not_pasted(
    exported: dict[str, Path], name: str, bindings: dict[str, object]
) -> None:
    text = rdf.library_queries()[name]
    for engine in (rdf.query, rdf.query_rdflib):
        result = engine(text, data=exported["ttl"], bindings=bindings)
        assert result.rows == []
    # The data is untouched.
    assert rdf.query(text, data=exported["ttl"], bindings=BINDINGS[name]).rows == EXPECTED[name]


@pytest.mark.parametrize(
    "bindings",
    [
        {"guest": URIRef("<script>")},
        {"guest": URIRef("http://x/> } ; DROP ALL ; #")},
        {"guest } ; DROP ALL ; #": "x"},
        {"guest": BNode()},
        {"guest": object()},
    ],
)
def test_unsafe_terms_are_refused(exported: dict[str, Path], bindings: dict[str, object]) -> None:
    text = rdf.library_queries()["receptions"]
    with pytest.raises(QueryError):
        rdf.query(text, data=exported["ttl"], bindings=bindings)
    with pytest.raises(QueryError):
        rdf.query_rdflib(text, data=exported["ttl"], bindings=bindings)
    with pytest.raises(QueryError):
        rdf.with_values(text, bindings)


def test_values_block_goes_inside_the_where_group() -> None:
    text = (
        "# a { comment\nPREFIX ex: <http://ex/x#>\n"
        'SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ex:p "{" } GROUP BY ?s'
    )
    bound = rdf.with_values(text, {"s": URIRef("http://ex/a"), "o": 'a"} #'})
    assert 'WHERE { VALUES (?s ?o) { (<http://ex/a> "a\\"} #") }' in bound
    # rdflib parses the result and sees one VALUES block.
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(bound)


def test_store_is_cached_per_file_version(tmp_path: Path) -> None:
    first = rdf.write(DATA, tmp_path)["nt"]
    store = sparql.store_for(first)
    assert sparql.store_for(first) is store
    smaller = GraphData(entities=(), facts=(RECEPTION,))
    rdf.write(smaller, tmp_path, formats=("nt",))
    os.utime(first, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert sparql.store_for(first) is not store
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert rdf.query(count, data=first).rows == [(len(rdf.to_rdf(smaller)),)]


def test_query_errors_are_kg_errors(exported: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(QueryError):
        rdf.query("SELECT WHERE {", data=exported["ttl"])
    with pytest.raises(QueryError):
        rdf.query_rdflib("SELECT WHERE {", data=exported["ttl"])
    with pytest.raises(QueryError):
        rdf.query("SELECT * WHERE { ?s ?p ?o }", data=tmp_path / "missing.ttl")
    with pytest.raises(QueryError):
        rdf.query("SELECT * WHERE { ?s ?p ?o }")
    assert rdf.query("ASK { ?s ?p ?o }", data=exported["ttl"]).rows == [(True,)]


# --- a real SPARQL endpoint ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    command = shutil.which("oxigraph")
    if command is None:
        pytest.skip("the `oxigraph` server command is not installed (pip install oxigraph)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    location = tmp_path_factory.mktemp("oxigraph")
    server = subprocess.Popen(
        [command, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    stderr = server.stderr.read().decode() if server.stderr else ""
                    pytest.fail(f"oxigraph server did not start: {stderr}")
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_push_is_idempotent(endpoint: str, exported: dict[str, Path]) -> None:
    graph = f"{ID}graph/test-push"
    expected = len(rdf.to_rdf(DATA))
    for _ in range(2):
        rdf.push(exported["ttl"], endpoint=endpoint, graph_iri=graph)
        assert rdf.query(COUNT, endpoint=endpoint, graph_iri=graph).rows == [(expected,)]
    # Another format replaces the same graph with the same triples.
    rdf.push(exported["nt"], endpoint=endpoint, graph_iri=graph)
    assert rdf.query(COUNT, endpoint=endpoint, graph_iri=graph).rows == [(expected,)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_query_on_the_endpoint(endpoint: str, exported: dict[str, Path], name: str) -> None:
    graph = rdf.push(exported["ttl"], endpoint=endpoint)  # the export folder's named graph
    assert graph == sparql.default_graph_iri(exported["ttl"])
    text = rdf.library_queries()[name]
    remote = rdf.query(text, endpoint=endpoint, bindings=BINDINGS[name], graph_iri=graph)
    embedded = rdf.query(text, data=exported["ttl"], bindings=BINDINGS[name])
    assert remote.vars == embedded.vars
    assert remote.rows == embedded.rows == EXPECTED[name]
    for var in BINDINGS[name]:
        for value in HOSTILE:
            hostile = {**BINDINGS[name], var: value}
            assert rdf.query(text, endpoint=endpoint, bindings=hostile, graph_iri=graph).rows == []
    assert rdf.query(COUNT, endpoint=endpoint, graph_iri=graph).rows == [(len(rdf.to_rdf(DATA)),)]


def test_endpoint_errors_are_kg_errors(endpoint: str, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="HTTP 400"):
        rdf.query("SELECT WHERE {", endpoint=endpoint)
    with pytest.raises(QueryError):
        rdf.query(COUNT, endpoint=f"http://127.0.0.1:{free_port()}")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(QueryError):
        rdf.push(bad, endpoint=endpoint, graph_iri=f"{ID}graph/bad")


def test_fact_model_is_what_the_fixture_uses() -> None:
    # Guard: every fact type appears once at least, and roles of one and of several actors
    # (kg/patterns/fact_types.jsonl) are both covered.
    assert {fact.type for fact in DATA.facts} == set(FACT_TYPES)
    counts = {r.count for fact in DATA.facts for r in spec(fact.type).roles}
    assert counts == {"one", "many"}
    assert all(isinstance(fact, Fact) for fact in DATA.facts)


def test_unknown_format_raises_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="unknown RDF format 'xml'"):
        rdf.serialize(DATA, "xml")
    with pytest.raises(QueryError, match="unknown RDF format 'xml'"):
        rdf.write(DATA, tmp_path, formats=("ttl", "xml"))
    with pytest.raises(QueryError, match=r"g\.xml: unknown RDF format"):
        rdf.write_file(DATA, tmp_path / "g.xml")
    assert list(tmp_path.iterdir()) == []
