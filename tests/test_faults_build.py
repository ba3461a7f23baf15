"""Issue #16, the build, cache and CLI side: each fault or bad input gets a clear ``kg:``
message (or a sane result), never a traceback, a mixed export folder or a stale answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.cli import main
from kg.errors import KgError


@pytest.fixture
def example_export(tmp_path: Path) -> Path:
    """The four-fact example graph saved as ``graph.ttl`` in a folder (no model needed)."""
    folder = tmp_path / "example"
    KnowledgeGraph.example().save(folder / "graph.ttl")
    return folder


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: "), err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


# ---------------------------------------------------------------- 4: a pair of one country


@pytest.mark.parametrize("pair", [("VN", "VN"), ("Vietnam", "VN"), ("viet nam", "country:VN")])
def test_partnership_of_a_country_with_itself_is_refused(pair: tuple[str, str]) -> None:
    with pytest.raises(KgError, match="two different"):
        KnowledgeGraph.example().partnership(*pair)


def test_query_between_one_country_twice_is_refused(
    example_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["query", "partnership", "--between", "VN", "VN", "--data", str(example_export)]
    assert main(args) == 1
    assert "two different" in one_line_error(capsys)
    assert (
        main(["query", "partnership", "--between", "VN", "KR", "--data", str(example_export)]) == 0
    )
    assert "comprehensive_strategic_partnership" in capsys.readouterr().out
