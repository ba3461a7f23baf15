"""RDF of the real seed build: SHACL, round trip, and every library query with its answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg import rdf
from kg.pipeline import BuildResult
from kg.rdf.vocab import entity_iri, fact_iri
from tests.conftest import ROOT


def country(iso: str) -> URIRef:
    return URIRef(str(entity_iri(f"country:{iso}")))


@pytest.fixture(scope="module")
def ttl(seed_build: tuple[BuildResult, Path]) -> Path:
    return seed_build[1] / "graph.ttl"


def test_seed_export_conforms_to_the_shapes(ttl: Path) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(
        rdf.load(ttl),
        shacl_graph=Graph().parse(ROOT / "ontology" / "shapes.ttl"),
        ont_graph=Graph().parse(ROOT / "ontology" / "kg.ttl"),
        inference="none",
    )
    assert conforms, text


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.jsonld"])
def test_seed_round_trip(seed_build: tuple[BuildResult, Path], name: str) -> None:
    result, out = seed_build
    loaded = rdf.from_rdf(rdf.load(out / name))
    assert {e.id for e in loaded.entities} == {e.id for e in result.data.entities}
    assert {f.id for f in loaded.facts} == {f.id for f in result.data.facts}
    assert isomorphic(rdf.to_rdf(loaded), rdf.load(out / "graph.ttl"))


def rows(name: str, ttl: Path, **bindings: object) -> list[dict[str, object]]:
    result = rdf.query(rdf.library_queries()[name], data=ttl, bindings=bindings)
    return [dict(zip(result.vars, row, strict=True)) for row in result.rows]


def test_visits_between_vn_and_by(ttl: Path) -> None:
    found = rows("visits_between_countries", ttl, countryA=country("VN"), countryB=country("BY"))
    assert [(r["visitorName"], r["kind"]) for r in found] == [("Tran Dai Quang", "official")]


def test_receptions_of_xiong_bo(ttl: Path) -> None:
    found = rows("receptions", ttl, guest=URIRef(str(entity_iri("person:xiong-bo"))))
    assert [(r["hostName"], str(r["date"]), r["place"]) for r in found] == [
        ("Dinh Tien Dung", "--04-11", "Hanoï")
    ]


def test_agreements_per_pair(ttl: Path) -> None:
    found = {
        (str(r["partyA"]).rsplit("/", 1)[-1], str(r["partyB"]).rsplit("/", 1)[-1]): int(
            r["agreements"]
        )  # type: ignore[call-overload]
        for r in rows("agreements_per_pair", ttl)
    }
    assert found[("BY", "VN")] == 2 and found[("RU", "VN")] == 2 and found[("CN", "VN")] == 2


def test_current_partnership_level(ttl: Path) -> None:
    found = rows("partnership_level", ttl, countryA=country("VN"), countryB=country("CN"))
    assert found[0]["notation"] == "comprehensive_strategic_cooperative_partnership"


def test_officials_of_china(ttl: Path) -> None:
    names = {r["name"] for r in rows("officials_of_country", ttl, country=country("CN"))}
    assert names == {"Wang Yi", "Xi Jinping", "Xiong Bo"}


def test_evidence_of_a_fact(seed_build: tuple[BuildResult, Path], ttl: Path) -> None:
    result, _ = seed_build
    fact = next(
        f
        for f in result.data.facts
        if f.type == "reception" and f.roles["guest"][0].name == "Xiong Bo"
    )
    found = rows("evidence_of_fact", ttl, fact=URIRef(str(fact_iri(fact.id))))
    text = (ROOT / "seeds" / "000_db56f8231e5772b9.txt").read_text(encoding="utf-8")
    assert found and all(text[int(r["start"]) : int(r["end"])] == r["sentence"] for r in found)  # type: ignore[call-overload]


def test_top_partners(ttl: Path) -> None:
    found = rows("top_partners", ttl)
    assert str(found[0]["partner"]).endswith("/CN")
    assert {str(r["partner"]).rsplit("/", 1)[-1] for r in found} >= {
        "RU",
        "BY",
        "LA",
        "KR",
        "US",
        "DZ",
    }


@pytest.mark.parametrize("name", sorted(rdf.library_queries()))
def test_library_queries_agree_between_engines(name: str, ttl: Path) -> None:
    text = rdf.library_queries()[name]
    bindings: dict[str, object] = {}
    if "?countryA" in text:
        bindings = {"countryA": country("VN"), "countryB": country("RU")}
    elif "?country" in text:
        bindings = {"country": country("VN")}
    fast = rdf.query(text, data=ttl, bindings=bindings)
    reference = rdf.query_rdflib(text, data=ttl, bindings=bindings)
    assert sorted(map(str, fast.rows)) == sorted(map(str, reference.rows))
