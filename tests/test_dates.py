"""The one partial-date type: parsing, bounds of ranges, windows (fast, no model)."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate, date_bounds, find_dates, in_window
from kg.errors import DateError
from kg.model import DateRange


def bounds(value: str | DateRange, inferred: str | None = None) -> list[str]:
    found = date_bounds(value, inferred)
    assert found is not None
    return [str(d) for d in found]


def test_a_range_over_the_new_year_ends_in_the_next_year() -> None:
    assert bounds(DateRange(start="2022-12-30", end="--01-02")) == ["2022-12-30", "2023-01-02"]
    assert bounds(DateRange(start="--12-30", end="--01-02"), "2022-12-30") == [
        "2022-12-30",
        "2023-01-02",
    ]
    hit = find_dates("du 30 décembre au 2 janvier 2023")[0]
    assert hit.value == DateRange(start="2022-12-30", end="2023-01-02")


def test_an_inferred_year_the_day_does_not_have_is_not_applied() -> None:
    assert bounds(DateRange(start="--02-28", end="--02-29"), "2023-02-28") == ["--02-28", "--02-29"]
    assert bounds(DateRange(start="--03-15", end="--03"), "2020-03-15") == ["2020-03-15", "2020-03"]


@pytest.mark.parametrize(
    ("value", "since", "until", "kept"),
    [
        ("2023-05", "2023-05-10", None, True),  # the month overlaps the window
        ("2023-05", "2023-06", None, False),
        ("--05-12", "--05-01", "--05-31", True),
        ("--05-12", "--06-01", None, False),
        (DateRange(start="2022-12-30", end="2023-01-02"), "--12-31", None, True),
        (DateRange(start="2022-12-30", end="2023-01-02"), None, "--01-01", True),
        ("2022", "--05-01", None, True),  # a year-only date covers every day
        ("--11-03", "2017", None, False),  # no year under a bound with one
    ],
)
def test_windows(value: str | DateRange, since: str | None, until: str | None, kept: bool) -> None:
    low = PartialDate.parse(since) if since else None
    high = PartialDate.parse(until) if until else None
    assert in_window(date_bounds(value), low, high) is kept


@pytest.mark.parametrize("text", ["zzz", "2020-13-45", "2023-02-30", "0000", "--13-01", ""])
def test_bad_dates_raise_one_clear_error(text: str) -> None:
    with pytest.raises(DateError, match="bad date"):
        PartialDate.parse(text)
