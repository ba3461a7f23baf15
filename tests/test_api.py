"""The Python API on the real seed build: answers, names, exports, and agreement with SPARQL.

Every question of the SPARQL library (``ontology/queries/*.rq``) is asked twice, once through
:class:`kg.api.KnowledgeGraph` and once with ``kg.rdf.query`` on the ``graph.ttl`` that
``kg.rdf.writer`` makes of the same build, and the sets of answers must be equal.
"""

from __future__ import annotations

import csv
import itertools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import networkx as nx
import pytest
from rdflib import URIRef

from kg import KnowledgeGraph, rdf
from kg.api import QUESTIONS, format_rows
from kg.api.models import Results, Visit
from kg.dates import time_key
from kg.errors import EntityNotFoundError, KgError
from kg.model import DateRange, Fact
from kg.rdf.vocab import entity_iri, fact_iri
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="session")
def kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The graph of the seeds as committed in ``exports/`` (a slow test keeps it fresh)."""
    return KnowledgeGraph.load(ROOT / "exports")


@pytest.fixture(scope="session")
def ttl(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``graph.ttl`` of the same build, written by ``kg.rdf.writer``."""
    return rdf.write(kg.data, tmp_path_factory.mktemp("api-rdf"), formats=("ttl",))["ttl"]


# ------------------------------------------------------------------------------ answers


def test_xiong_bo_is_a_person_of_china(kg: KnowledgeGraph) -> None:
    assert kg.entity("Xiong Bo").kind == "person"
    persons = {p.name: p for p in kg.persons(country="China")}
    assert persons["Xiong Bo"].country == "CN"
    assert persons["Xiong Bo"].role == "ambassador"
    assert [p.name for p in kg.persons(country="CN", role="ambassador")] == ["Xiong Bo"]


def test_dinh_tien_dung_received_xiong_bo_with_evidence_from_the_file(kg: KnowledgeGraph) -> None:
    [reception] = kg.receptions(guest="Xiong Bo")
    assert (reception.host.name, reception.date, reception.place) == (
        "Dinh Tien Dung",
        "--04-11",
        "Hanoï",
    )
    assert kg.receptions(host="Dinh Tien Dung", guest="CN") == [reception]
    evidence = kg.evidence(reception)
    assert evidence == kg.evidence(reception.id)
    assert "Xiong Bo" in evidence.sentence and evidence.sentence == reception.evidence
    text = (SEEDS / evidence.article).read_text(encoding="utf-8")
    assert text[evidence.span[0] : evidence.span[1]] == evidence.sentence


def test_every_evidence_and_also_report_quotes_its_file(kg: KnowledgeGraph) -> None:
    for fact in kg.data.facts:
        evidence = kg.evidence(fact)
        for quote in evidence.quotes:
            text = (SEEDS / quote.article).read_text(encoding="utf-8")
            assert text[quote.span[0] : quote.span[1]] == quote.sentence, fact.id


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("To Lam", "person:to-lam"),
        ("Tô Lâm", "person:to-lam"),
        ("to lam", "person:to-lam"),
        ("TO-LAM", "person:to-lam"),
        ("person:to-lam", "person:to-lam"),
        ("Chine", "country:CN"),
        ("China", "country:CN"),
        ("CN", "country:CN"),
        ("cn", "country:CN"),
        ("Vietnam", "country:VN"),
        ("Viet Nam", "country:VN"),
        ("Viêt Nam", "country:VN"),
        ("Corée du Sud", "country:KR"),
        ("South Korea", "country:KR"),
        ("Belarus", "country:BY"),
        ("Irineo Espino", "person:irineo-espino"),
        ("unicef", "org:unicef"),
    ],
)
def test_names_resolve_the_way_users_type_them(
    kg: KnowledgeGraph, typed: str, expected: str
) -> None:
    assert kg.entity(typed).id == expected


def test_unknown_names_fail_with_the_closest_names(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFoundError, match="closest: Xi Jinping"):
        kg.entity("Xi Jin Ping")
    with pytest.raises(EntityNotFoundError, match=r"country \(FR\)"):
        kg.visits(destination="France")
    with pytest.raises(EntityNotFoundError, match="Nguyen Phu Trong"):
        kg.entity("Nguyen")
    with pytest.raises(EntityNotFoundError, match="no fact"):
        kg.evidence("fact:0000")


def test_visits_of_tran_dai_quang_go_to_russia_and_belarus(kg: KnowledgeGraph) -> None:
    visits = kg.visits(visitor="Trân Dai Quang")
    assert {v.destination.id for v in visits} == {"country:RU", "country:BY"}
    assert {v.kind for v in visits} == {"official"}
    assert [v.id for v in kg.visits(visitor="VN", destination="Russia")] == [
        v.id for v in visits if v.destination.id == "country:RU"
    ]


def test_partnership_of_vietnam_and_korea(kg: KnowledgeGraph) -> None:
    partnership = kg.partnership("VN", "KR")
    assert partnership.level == "comprehensive_strategic_partnership"
    assert partnership.date == "2022-12"
    assert [s.current for s in partnership.history] == [True]
    assert kg.partnership("Vietnam", "Jordanie").level is None


def test_timeline_is_every_fact_between_the_two_countries_in_time_order(
    kg: KnowledgeGraph,
) -> None:
    timeline = kg.timeline("VN", "China")
    facts = {f.id: f for f in kg.data.facts}

    def countries(fact: Fact) -> set[str]:
        found = set()
        for value in fact.roles.values():
            for actor in value if isinstance(value, tuple) else (value,):
                if actor.kind in ("country", "person") and actor.country:
                    found.add(actor.country)
        return found

    expected = {f.id for f in kg.data.facts if {"VN", "CN"} <= countries(f)}
    assert {e.id for e in timeline} == expected and len(timeline) == len(expected) > 5
    keys = [time_key(facts[e.id]) for e in timeline]
    assert keys == sorted(keys)
    # Dated with a year (here inferred) first, then partial dates, then undated facts.
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    assert timeline[0].date_inferred == "2017-11-03"


def test_events_filters(kg: KnowledgeGraph) -> None:
    visits = kg.events(type="visit", actor="To Lam")
    assert {e.id for e in visits} == {v.id for v in kg.visits(visitor="Tô Lâm")}
    in_2025 = kg.events(since="2025", until="2025")
    # the year written, or the one inferred (the Algeria and Laos visits of the seeds)
    assert in_2025 and all(
        (
            e.date_inferred or (e.date.start if isinstance(e.date, DateRange) else e.date or "")
        ).startswith("2025")
        for e in in_2025
    )
    assert kg.events(between=("VN", "KR")) == kg.timeline("KR", "VN")
    with pytest.raises(KgError, match="bad date"):
        kg.events(since="last year")


def test_institutions_and_their_staff(kg: KnowledgeGraph) -> None:
    unicef = {i.id: i for i in kg.institutions()}["org:unicef"]
    assert unicef.members == ("June Kunugi",) and unicef.facts == 2
    assert [p.name for p in kg.persons(country="UNICEF")] == ["June Kunugi"]
    assert {e.type for e in kg.events(actor="unicef")} == {"reception", "visit"}


def test_neighbours_subgraph_and_centrality(kg: KnowledgeGraph) -> None:
    near = kg.neighbours("Xiong Bo")
    assert {n.id for n in near} == {"country:CN", "person:dinh-tien-dung"}
    assert all(n.distance == 1 for n in near)
    assert {n.distance for n in kg.neighbours("Xiong Bo", depth=2)} == {1, 2}
    view = kg.subgraph("Xiong Bo", depth=1)
    assert nx.is_frozen(view) and "person:xiong-bo" in view and "country:CN" in view
    receptions = {r.id for r in kg.receptions(guest="Xiong Bo")}
    assert receptions <= set(view.nodes) and len(view) < len(kg.graph)
    ranking = kg.centrality()
    assert ranking[0].id == "country:VN"
    assert kg.centrality()[0] is ranking[0]  # computed once
    assert len(ranking) == sum(1 for _, k in kg.graph.nodes(data="kind") if k != "event")


# ------------------------------------------------------------------------------ shell and tables


def visits_between(kg: KnowledgeGraph, a: str, b: str) -> list[Visit]:
    """``kg query visits --between A B`` as the CLI asks it."""
    rows = kg.run("visits", between=[a, b])
    assert all(isinstance(r, Visit) for r in rows)
    return cast(list[Visit], rows)


def test_run_visits_between_either_direction(kg: KnowledgeGraph) -> None:
    rows = visits_between(kg, "VN", "RU")
    assert [(r.visitor.name, r.destination.id) for r in rows] == [("Tran Dai Quang", "country:RU")]
    both = visits_between(kg, "PH", "VN")
    assert {r.visitor.name for r in both} == {"Irineo C. Espino"}
    assert visits_between(kg, "RU", "VN") == rows


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_question_runs_and_prints(kg: KnowledgeGraph, question: str) -> None:
    rows = kg.run(question, between=["VN", "CN"] if question == "timeline" else None)
    assert rows, question
    table = format_rows(rows)
    assert len(table.splitlines()) == len(rows) + 2
    assert repr(rows) == format_rows(rows, limit=30)
    assert "<table>" in rows._repr_html_()  # type: ignore[attr-defined]


def test_run_rejects_what_it_cannot_answer(kg: KnowledgeGraph) -> None:
    with pytest.raises(KgError, match="unknown question"):
        kg.run("gossip")
    with pytest.raises(KgError, match="--between"):
        kg.run("timeline")
    assert kg.run("receptions", actor="Xiong Bo", since="--04-01", until="--04-30")
    assert not kg.run("receptions", actor="Xiong Bo", since="2020")


def test_to_dataframe(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    visits = kg.visits()
    frame = visits.to_dataframe()
    assert len(frame) == len(visits)
    assert {"visitor", "visitor_id", "destination", "kind"} <= set(frame.columns)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KgError, match="pip install pandas"):
        visits.to_dataframe()
    assert isinstance(visits, Results)


# ------------------------------------------------------------------------------ load and save


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_open_with_networkx(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    path = kg.save(tmp_path / f"graph.{fmt}")
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = read(path)
    assert back.number_of_nodes() == kg.graph.number_of_nodes()
    assert back.number_of_edges() == kg.graph.number_of_edges()


def test_csv_has_one_row_per_fact(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = kg.save(tmp_path / "facts.txt", format="csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [f.id for f in kg.data.facts]
    row = next(r for r in rows if r["guest"] == "Xiong Bo")
    assert (row["host"], row["host_ids"], row["date"]) == (
        "Dinh Tien Dung",
        "person:dinh-tien-dung",
        "--04-11",
    )
    text = (SEEDS / f"{row['article']}.txt").read_text(encoding="utf-8")
    assert text[int(row["span_start"]) : int(row["span_end"])] == row["evidence"]


@pytest.mark.parametrize("suffix", ["ttl", "nt", "jsonld"])
def test_rdf_save_and_load_round_trip(kg: KnowledgeGraph, tmp_path: Path, suffix: str) -> None:
    loaded = KnowledgeGraph.load(kg.save(tmp_path / f"graph.{suffix}"))
    assert {f.id for f in loaded.data.facts} == {f.id for f in kg.data.facts}
    assert loaded.partnership("VN", "KR") == kg.partnership("VN", "KR")


def test_load_takes_the_default_exports_folder(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rdf.write(kg.data, tmp_path / "exports", formats=("ttl",))
    monkeypatch.chdir(tmp_path)
    assert len(KnowledgeGraph.load().data.facts) == len(kg.data.facts)
    with pytest.raises(KgError, match=r"no graph\.ttl"):
        KnowledgeGraph.load(tmp_path)
    with pytest.raises(KgError, match="unknown format"):
        kg.save(tmp_path / "graph.xlsx")


# ------------------------------------------------------------------------------ same answers as SPARQL


def sparql(ttl: Path, name: str, **bindings: str) -> list[dict[str, Any]]:
    """Rows of a library query; bindings are entity or fact ids, bound as their IRIs."""
    bound = {
        k: URIRef(str(fact_iri(v) if v.startswith("fact:") else entity_iri(v)))
        for k, v in bindings.items()
    }
    result = rdf.query(rdf.library_queries()[name], data=ttl, bindings=bound)
    return [dict(zip(result.vars, row, strict=True)) for row in result.rows]


def ids(kg: KnowledgeGraph) -> Callable[[Any], Any]:
    """IRI -> entity or fact id (other values unchanged)."""
    table = {str(entity_iri(e.id)): e.id for e in kg.data.entities}
    for fact in kg.data.facts:
        table[str(fact_iri(fact.id))] = fact.id
        for value in fact.roles.values():
            for actor in value if isinstance(value, tuple) else (value,):
                table[str(entity_iri(actor.id))] = actor.id
    return lambda value: table.get(value, value) if isinstance(value, str) else value


def country_ids(kg: KnowledgeGraph) -> list[str]:
    return [c.id for c in kg.countries()]


def same_agreements_per_pair(kg: KnowledgeGraph, ttl: Path) -> None:
    iri = ids(kg)
    expected = {
        frozenset((iri(r["partyA"]), iri(r["partyB"]))): (r["agreements"], r["documentCount"])
        for r in sparql(ttl, "agreements_per_pair")
    }
    pairs = {
        frozenset(pair)
        for a in kg.events(type="agreement")
        for pair in itertools.combinations({x.id for x in a.actors}, 2)
    }
    found = {}
    for pair in pairs:
        agreements = kg.agreements(*sorted(pair))
        found[pair] = (len(agreements), sum(a.count or 1 for a in agreements))
    assert found == expected and len(found) >= 5


def same_evidence_of_fact(kg: KnowledgeGraph, ttl: Path) -> None:
    for fact in kg.data.facts:
        rows = sparql(ttl, "evidence_of_fact", fact=fact.id)
        expected = [(r["sentence"], r["doc"], r["article"], r["start"], r["end"]) for r in rows]
        evidence = kg.evidence(fact.id)
        found = [(q.sentence, q.doc, q.article, *q.span) for q in evidence.quotes]
        assert found == expected, fact.id
        assert {(r["rule"], r["confidence"]) for r in rows} == {
            (evidence.rule, evidence.confidence)
        }


def same_officials_of_country(kg: KnowledgeGraph, ttl: Path) -> None:
    iri = ids(kg)
    for country in country_ids(kg):
        expected = {
            (iri(r["person"]), r["role"], r["title"])
            for r in sparql(ttl, "officials_of_country", country=country)
        }
        persons = kg.persons(country=country)
        found: set[tuple[str, str | None, str | None]]
        found = {(p.id, post.role, post.title) for p in persons for post in p.posts}
        found |= {(p.id, None, None) for p in persons if not p.posts}
        assert found == expected, country


def same_partnership_level(kg: KnowledgeGraph, ttl: Path) -> None:
    for a, b in itertools.combinations(country_ids(kg), 2):
        rows = sparql(ttl, "partnership_level", countryA=a, countryB=b)
        partnership = kg.partnership(a, b)
        assert {ids(kg)(r["fact"]) for r in rows} == {s.id for s in partnership.history}
        assert {r["notation"] for r in rows} == {s.level for s in partnership.history}
        if rows:
            # The library ranks by level, the API takes the latest: one fact per pair agrees.
            assert rows[0]["notation"] == partnership.level, (a, b)
            assert rows[0]["rank"] == partnership.rank


def same_receptions(kg: KnowledgeGraph, ttl: Path) -> None:
    iri = ids(kg)

    def start(value: Any) -> Any:
        return value.start if isinstance(value, DateRange) else value

    def api(guest: str | None = None) -> set[tuple[Any, ...]]:
        return {
            (r.id, r.host.id, r.guest.id, start(r.date), r.place)
            for r in kg.receptions(guest=guest)
        }

    def library(**bindings: str) -> set[tuple[Any, ...]]:
        return {
            (iri(r["reception"]), iri(r["host"]), iri(r["guest"]), r["date"], r["place"])
            for r in sparql(ttl, "receptions", **bindings)
        }

    assert api() == library() and len(api()) >= 10
    guests = {r.guest.id for r in kg.receptions()}
    for guest in guests:
        assert api(guest) == library(guest=guest), guest


def same_top_partners(kg: KnowledgeGraph, ttl: Path) -> None:
    iri = ids(kg)
    expected = {iri(r["partner"]): r["facts"] for r in sparql(ttl, "top_partners")}
    found = {c: len(kg.timeline("VN", c)) for c in country_ids(kg) if c != "country:VN"}
    assert {c: n for c, n in found.items() if n} == expected
    assert max(expected.values()) >= 5


def same_visits_between_countries(kg: KnowledgeGraph, ttl: Path) -> None:
    iri = ids(kg)
    seen = 0
    for a, b in itertools.combinations(country_ids(kg), 2):
        expected = {
            (iri(r["visit"]), iri(r["from"]), iri(r["to"]), r["kind"], r["status"])
            for r in sparql(ttl, "visits_between_countries", countryA=a, countryB=b)
        }
        found = {
            (v.id, f"country:{v.visitor.country}", v.destination.id, v.kind, v.status)
            for v in visits_between(kg, a, b)
        }
        assert found == expected, (a, b)
        seen += len(found)
    assert seen >= 10


SAME_AS_SPARQL: dict[str, Callable[[KnowledgeGraph, Path], None]] = {
    "agreements_per_pair": same_agreements_per_pair,
    "evidence_of_fact": same_evidence_of_fact,
    "officials_of_country": same_officials_of_country,
    "partnership_level": same_partnership_level,
    "receptions": same_receptions,
    "top_partners": same_top_partners,
    "visits_between_countries": same_visits_between_countries,
}


def test_every_library_query_has_an_api_counterpart() -> None:
    assert set(rdf.library_queries()) == set(SAME_AS_SPARQL)


@pytest.mark.parametrize("name", sorted(SAME_AS_SPARQL))
def test_api_answers_like_the_sparql_library(kg: KnowledgeGraph, ttl: Path, name: str) -> None:
    SAME_AS_SPARQL[name](kg, ttl)
