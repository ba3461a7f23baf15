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
