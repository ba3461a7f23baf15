"""Shared fixtures: one real build of the seed pages per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """The seeds built into a temporary export folder (no cache), with the folder."""
    out = tmp_path_factory.mktemp("exports")
    return build([SEEDS], out=out, use_cache=False), out


#: doctests of the package that build pages, so need the model
MODEL_DOCTESTS = frozenset({"kg.api.graph.KnowledgeGraph.build"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that build the seeds or run extraction on sentences need the spaCy model, and
    browser tests need Chromium: they are ``slow``, so that ``pytest -m "not slow"`` is a fast
    lane (the other slow tests are marked where they are written)."""
    for item in items:
        if item.name in MODEL_DOCTESTS:
            item.add_marker(pytest.mark.slow)
            continue
        fixtures = getattr(item, "fixturenames", ())
        in_extract = "extract" in item.path.relative_to(ROOT).parts[:2]
        if "seed_build" in fixtures or in_extract or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


def pytest_sessionstart(session: pytest.Session) -> None:
    """In the fast lane (``-m "not slow"``) nothing may load the model, session fixtures
    included."""
    if "not slow" in (session.config.option.markexpr or ""):
        import kg.nlp

        def refuse() -> None:
            raise AssertionError("the fast lane loads the spaCy model: mark the test slow")

        kg.nlp.nlp = refuse  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _model_only_in_slow_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test not marked ``slow`` that loads the spaCy model fails and says why."""
    if request.node.get_closest_marker("slow") is None:

        def refuse() -> None:
            raise AssertionError("this test loads the spaCy model: mark it @pytest.mark.slow")

        monkeypatch.setattr("kg.nlp.nlp", refuse)
