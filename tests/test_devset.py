"""Accuracy floors: the dev set (62 pages beyond the seeds, ``tests/devset``) and the seeds.

The dev-set floor is the micro F1 reached when the extraction families of issue 13 were
built, minus 0.03: a change that loses more than that on pages the rules were not written
from fails here.  The two halves of the dev set (even and odd page numbers) must stay within
0.05 of each other, and the seeds at 0.95 or above.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.evaluate import evaluate
from tests.conftest import ROOT

#: micro F1 on the whole dev set when this floor was set (see the README's Accuracy section)
DEV_REACHED = 0.976
DEV_FLOOR = round(DEV_REACHED - 0.03, 3)
SEED_FLOOR = 0.95
HALVES_GAP = 0.05


@pytest.mark.slow
def test_devset_micro_f1_holds() -> None:
    report = evaluate(ROOT / "tests" / "devset" / "gold", ROOT / "tests" / "devset" / "articles")
    assert not report.messages, report.messages  # every page is read (dev061, dev062 too)
    assert report.micro.gold == 477
    assert report.micro.f1 >= DEV_FLOOR, report.table()


@pytest.mark.slow
def test_seeds_stay_above_the_floor() -> None:
    report = evaluate(ROOT / "tests" / "gold")
    assert report.micro.f1 >= SEED_FLOOR, report.table()
    assert all(score.f1 >= SEED_FLOOR for score in report.per_type.values()), report.table()


@pytest.mark.slow
def test_devset_halves_stay_close(tmp_path: Path) -> None:
    """Rules fit to some pages show as a gap between the halves (issue 13: within 0.05)."""
    devset = ROOT / "tests" / "devset"
    scores = {}
    for half, rest in (("even", 0), ("odd", 1)):
        gold, pages = tmp_path / half / "gold", tmp_path / half / "articles"
        gold.mkdir(parents=True)
        pages.mkdir()
        for path in sorted((devset / "gold").glob("dev*.json")):
            if int(path.stem[3:]) % 2 == rest:
                shutil.copy(path, gold)
                shutil.copy(devset / "articles" / f"{path.stem}.txt", pages)
        scores[half] = evaluate(gold, pages).micro
    assert scores["even"].gold + scores["odd"].gold == 477
    assert abs(scores["even"].f1 - scores["odd"].f1) <= HALVES_GAP, scores
