"""The command line: each command calls its library function and reports errors in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.model import FACT_TYPES
from tests.conftest import SEEDS


@pytest.mark.slow  # seed 004 has sentences the parser reads
def test_extract_prints_the_facts_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEEDS / "004_e6bb8dd7014ea847.txt"), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["type"] for r in rows} == set(FACT_TYPES)
    for row in rows:
        assert row["article"] == "004_e6bb8dd7014ea847"
        assert set(row) >= {
            "doc",
            "roles",
            "date",
            "place",
            "attributes",
            "evidence",
            "span",
            "rule",
            "confidence",
        }
    text = (SEEDS / "004_e6bb8dd7014ea847.txt").read_text(encoding="utf-8")
    assert all(text[r["span"][0] : r["span"][1]] == r["evidence"] for r in rows)


@pytest.mark.slow
def test_extract_lists_a_shared_teaser_under_each_page(capsys: pytest.CaptureFixture[str]) -> None:
    main(
        [
            "extract",
            str(SEEDS / "000_db56f8231e5772b9.txt"),
            str(SEEDS / "002_5a294bfd1c110c67.txt"),
        ]
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    korea = [r for r in rows if r["type"] == "diplomatic_relations"]
    assert sorted(r["article"] for r in korea) == ["000_db56f8231e5772b9", "002_5a294bfd1c110c67"]


def test_build_reports_and_fails_only_when_nothing_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: ") and "empty.txt" in err and len(err.strip().splitlines()) == 1


def test_missing_input_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(tmp_path / "nope")]) == 1
    assert "nope" in capsys.readouterr().err


@pytest.mark.slow
def test_sparql_binding_is_not_pasted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.pipeline import build

    build([SEEDS / "000_db56f8231e5772b9.txt"], out=tmp_path, use_cache=False, html=False)
    query = "SELECT ?s ?name WHERE { ?s <https://schema.org/name> ?name }"
    hostile = 'x" } ; DROP ALL ; #'
    assert (
        main(["sparql", query, "--data", str(tmp_path / "graph.ttl"), "--bind", f"name={hostile}"])
        == 0
    )
    # the hostile value is one literal: no row matches, nothing is dropped
    assert capsys.readouterr().out.splitlines() == ["s | name", "--+-----"]
    assert (tmp_path / "graph.ttl").stat().st_size > 0
