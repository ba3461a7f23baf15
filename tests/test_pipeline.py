"""The whole path on the seeds: exports, determinism, facts table, bad input, atomicity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import KgError
from kg.pipeline import BuildResult, build
from tests.conftest import ROOT, SEEDS

EXPORTS = ("facts.jsonl", "graph.ttl", "graph.nt", "graph.jsonld", "graph.html")


def test_build_writes_every_export(seed_build: tuple[BuildResult, Path]) -> None:
    result, out = seed_build
    for name in EXPORTS:
        assert (out / name).stat().st_size > 0, name
    assert result.report.pages == 5
    # 5 main articles and 37 teasers, of which 11 repeat a teaser of another page
    assert result.report.documents == 5 + 37 - 11
    assert result.report.skipped == []


def test_turtle_parses(seed_build: tuple[BuildResult, Path]) -> None:
    _, out = seed_build
    rdf_graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(rdf_graph) > 500


def test_xiong_bo_reception_traceable(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    people = {e.name: e for e in result.data.entities if e.kind == "person"}
    assert people["Xiong Bo"].country == "CN"
    (fact,) = [
        f
        for f in result.data.facts
        if f.type == "reception" and f.roles["guest"][0].name == "Xiong Bo"
    ]
    assert fact.roles["host"][0].name == "Dinh Tien Dung"
    assert fact.date == "--04-11"
    assert fact.place == "Hanoï"
    text = (SEEDS / "000_db56f8231e5772b9.txt").read_text(encoding="utf-8")
    start, end = fact.evidence.span
    assert text[start:end] == fact.evidence.sentence
    assert fact.also, "the lede and the body tell the same reception"


def test_facts_table_contract(seed_build: tuple[BuildResult, Path]) -> None:
    _, out = seed_build
    rows = [json.loads(line) for line in (out / "facts.jsonl").read_text("utf-8").splitlines()]
    assert rows
    keys = {
        "article",
        "doc",
        "type",
        "roles",
        "date",
        "place",
        "attributes",
        "evidence",
        "span",
        "rule",
        "confidence",
        "also",
    }
    for row in rows:
        assert keys <= set(row)
        assert 0 <= row["confidence"] <= 1
        for value in row["roles"].values():
            for actor in value if isinstance(value, list) else [value]:
                assert set(actor) == {"id", "name", "kind", "country"}
    # a teaser carried by three pages gives its facts once, with the other pages in "also"
    korea = [
        r
        for r in rows
        if r["type"] == "diplomatic_relations"
        and {a["country"] for a in r["roles"]["parties"]} == {"VN", "KR"}
    ]
    assert len(korea) == 1
    assert {a["article"] for a in korea[0]["also"]} >= {
        "002_5a294bfd1c110c67",
        "003_a84331fe95974398",
    }


def test_algeria_visit_is_one_event(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    algeria = [
        f
        for f in result.data.facts
        if f.type == "visit" and f.roles["destination"][0].country == "DZ"
    ]
    assert len(algeria) == 1
    articles = {algeria[0].evidence.article} | {e.article for e in algeria[0].also}
    assert len(articles) == 3


def test_build_is_deterministic(tmp_path: Path, seed_build: tuple[BuildResult, Path]) -> None:
    _, first = seed_build
    build([SEEDS], out=tmp_path, use_cache=False)
    for name in EXPORTS:
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name


def test_committed_exports_are_fresh(seed_build: tuple[BuildResult, Path]) -> None:
    _, out = seed_build
    for name in EXPORTS:
        committed = ROOT / "exports" / name
        assert committed.exists(), f"exports/{name} missing: run kg build seeds/"
        assert committed.read_bytes() == (out / name).read_bytes(), (
            f"exports/{name} is stale: run kg build seeds/"
        )


@pytest.mark.slow
def test_bad_pages_are_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a_empty.txt").write_text("", encoding="utf-8")
    (pages / "b_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (pages / "c_good.txt").write_text(
        (SEEDS / "003_a84331fe95974398.txt").read_text("utf-8"), encoding="utf-8"
    )
    result = build([pages], out=tmp_path / "out", use_cache=False, html=False)
    skipped = dict(result.report.skipped)
    assert set(skipped) == {str(pages / "a_empty.txt"), str(pages / "b_binary.txt")}
    assert all(path in reason for path, reason in skipped.items())
    assert result.report.pages == 1


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(KgError, match="no page could be read"):
        build([tmp_path], out=tmp_path / "out", use_cache=False)


@pytest.mark.slow
def test_failed_export_keeps_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build([SEEDS / "003_a84331fe95974398.txt"], out=out, use_cache=False, html=False)
    before = (out / "graph.ttl").read_bytes()

    before_nt = (out / "graph.nt").read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    # JSON-LD is written last, after the N-Triples and Turtle temporary files are complete.
    monkeypatch.setattr("kg.rdf.writer.write_jsonld", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        build([SEEDS], out=out, use_cache=False, html=False)
    assert (out / "graph.ttl").read_bytes() == before
    assert (out / "graph.nt").read_bytes() == before_nt
    assert not list(out.glob(".*.tmp")), "temporary files or sorted runs left behind"


@pytest.mark.slow
def test_warm_rebuild_uses_the_cache(tmp_path: Path) -> None:
    first = build([SEEDS], out=tmp_path / "out", cache_dir=tmp_path / "cache", html=False)
    second = build([SEEDS], out=tmp_path / "out", cache_dir=tmp_path / "cache", html=False)
    assert first.report.cached == 0
    assert second.report.cached == 5
    assert second.data == first.data


@pytest.mark.slow
def test_rebuild_with_one_more_article_keeps_ids(tmp_path: Path) -> None:
    some = [SEEDS / "000_db56f8231e5772b9.txt", SEEDS / "002_5a294bfd1c110c67.txt"]
    small = build(some, use_cache=False, html=False).data
    full = build([SEEDS], use_cache=False, html=False).data
    assert {e.id for e in small.entities} <= {e.id for e in full.entities}
    assert {f.id for f in small.facts} <= {f.id for f in full.facts}


def test_workers_give_the_same_graph(tmp_path: Path, seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    parallel = build([SEEDS], use_cache=False, html=False, workers=2)
    assert parallel.data == result.data


@pytest.mark.slow
@pytest.mark.parametrize("delay", [1.0, 4.0, 7.0])
def test_killed_build_leaves_old_or_new_exports(tmp_path: Path, delay: float) -> None:
    import signal
    import subprocess
    import sys
    import time

    out, cache = tmp_path / "out", tmp_path / "cache"
    build([SEEDS / "000_db56f8231e5772b9.txt"], out=out, cache_dir=cache, html=False)
    old = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    script = (
        "from kg.pipeline import build; import sys; "
        f"build([{str(SEEDS)!r}], out={str(out)!r}, cache_dir={str(cache)!r})"
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    new = build([SEEDS], out=tmp_path / "reference", use_cache=False)
    for name in ("facts.jsonl", "graph.ttl", "graph.nt", "graph.jsonld"):
        now = (out / name).read_bytes()
        assert now in (old[name], (tmp_path / "reference" / name).read_bytes()), name
    # a kill mid-write can leave a hidden ".graph.ttl.*.tmp", never a half-written export
    assert all(p.name.startswith(".") for p in out.iterdir() if p.name.endswith(".tmp"))
    # the cache survives: the next build reads it without error and gives the full graph
    again = build([SEEDS], out=out, cache_dir=cache)
    assert again.data == new.data
    # and the leftovers of the killed export (temporary files, sorted runs) are gone
    assert not list(out.glob(".*.tmp"))


@pytest.mark.slow
def test_changed_page_replaces_its_facts(tmp_path: Path) -> None:
    import shutil

    pages = tmp_path / "pages"
    shutil.copytree(SEEDS, pages)
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build([pages], out=out, cache_dir=cache, html=False)
    again = build([pages], out=out, cache_dir=cache, html=False)
    assert again.data == first.data  # re-running on the same pages adds nothing
    page = pages / "003_a84331fe95974398.txt"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("Samuel Perez", "Samuel Brown").replace("SamuelPerez", "SamuelBrown"),
        encoding="utf-8",
    )
    changed = build([pages], out=out, cache_dir=cache, html=False)
    assert changed.report.cached == 4
    guests = {f.roles["guest"][0].name for f in changed.data.facts if f.type == "reception"}
    assert "Samuel Brown" in guests and "Samuel Perez" not in guests
    assert len(changed.data.facts) == len(first.data.facts)


def test_partly_cached_build_equals_a_cold_one(
    tmp_path: Path, seed_build: tuple[BuildResult, Path]
) -> None:
    """Pages come from the cache and from analysis interleaved, in path order, with one worker
    or two; a damaged entry is analysed again and stored again."""
    from kg.cache import Cache, extractor_version

    result, _ = seed_build
    cache_dir = tmp_path / "cache"
    some = [SEEDS / "001_fa185c5762076d10.txt", SEEDS / "003_a84331fe95974398.txt"]
    assert build(some, cache_dir=cache_dir, html=False).report.pages == 2
    for workers in (1, 2):
        mixed = build([SEEDS], cache_dir=tmp_path / "cache", html=False, workers=workers)
        assert mixed.data == result.data
    cache = Cache(cache_dir, version=extractor_version())
    assert len(cache) == 5
    victim = cache.path(cache.keys()[0])
    victim.write_bytes(victim.read_bytes()[:-40])  # truncated: detected, analysed again
    for snapshot in cache.dir.glob("build-*.json"):
        snapshot.unlink()  # else the identical rebuild is answered from its snapshot
    again = build([SEEDS], cache_dir=cache_dir, html=False)
    assert again.report.cached == 4
    assert again.data == result.data
    assert len(Cache(cache_dir, version=extractor_version())) == 5


def test_leftovers_of_a_killed_export_are_removed(
    tmp_path: Path, seed_build: tuple[BuildResult, Path]
) -> None:
    """A build killed while exporting leaves a hidden folder of sorted runs and hidden
    half-written files; the next export removes them and never reads them."""
    from kg.tables.exports import write_exports

    result, _ = seed_build
    out = tmp_path / "out"
    runs = out / ".graph.x1y2.tmp"
    runs.mkdir(parents=True)
    (runs / "run-0.nt").write_text("<a> <b> <c> .\n", encoding="utf-8")
    (out / ".graph.ttl.k3j4.tmp").write_text("@prefix half", encoding="utf-8")
    write_exports(result.data, out, html=False)
    assert not list(out.glob(".*.tmp"))
    assert "<a> <b> <c>" not in (out / "graph.nt").read_text(encoding="utf-8")
