"""What the HTML page writes in French: dates, roles, places, organisations, titles."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from kg.model import DateRange, Evidence, Fact
from kg.render.french import (
    clean_title,
    fact_date,
    french_date,
    french_range,
    organization_name,
    period,
    place_name,
    role_label,
    role_labels,
)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg.patterns").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2017-11-03", "3 novembre 2017"),
        ("2022-12-01", "1er décembre 2022"),
        ("--04-11", "11 avril"),
        ("2017-11", "novembre 2017"),
        ("1992", "1992"),
        (None, ""),
        ("", ""),
    ],
)
def test_one_way_to_write_a_date(value: str | None, text: str) -> None:
    assert french_date(value) == text


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2022-10-30", "2022-11-01", "du 30 octobre au 1er novembre 2022"),
        ("2023-03-01", "2023-03-04", "du 1er au 4 mars 2023"),
        ("--12-01", "--12-02", "du 1er au 2 décembre"),
        ("2021-12-30", "2022-01-02", "du 30 décembre 2021 au 2 janvier 2022"),
        ("2023-03", "2023-05", "du mars 2023 au mai 2023"),
        ("2023-03-01", "2023-03-01", "1er mars 2023"),
    ],
)
def test_ranges(start: str, end: str, text: str) -> None:
    assert french_range(start, end) == text


def _fact(**kw: object) -> Fact:
    ev = Evidence(article="a", doc="d", section="main", sentence="s", span=(0, 1))
    return Fact(type="visit", roles={}, evidence=ev, rule="r", confidence=1.0, **kw)  # type: ignore[arg-type]


def test_inferred_years_are_marked() -> None:
    assert fact_date(_fact(date="--11-03", date_inferred="2017-11-03")) == (
        "3 novembre 2017 (année déduite)"
    )
    ranged = _fact(date=DateRange(start="--12-01", end="--12-02"), date_inferred="2025-12-01")
    assert fact_date(ranged) == "du 1er au 2 décembre 2025 (année déduite)"
    assert fact_date(_fact(date_inferred="2019")) == "2019 (année déduite)"
    assert fact_date(_fact(date="2017-11-03", date_inferred="2017-11-03")) == "3 novembre 2017"
    assert fact_date(_fact()) == ""


def test_post_periods() -> None:
    assert period("--11-26", "--11-26") == "le 26 novembre"
    assert period("2025-08-12", "2026-02-05") == "du 12 août 2025 au 5 février 2026"
    assert period("2017", None) == "en 2017"
    assert period(None, None) == ""


def test_every_role_of_the_tables_has_french_words() -> None:
    roles = {r["role"] for r in _rows("titles.tsv")} | {r["role"] for r in _rows("role_rules.tsv")}
    assert roles - set(role_labels()) == set()
    assert role_label("foreign_minister") == "ministre des Affaires étrangères"
    assert role_label("no_such_role") == ""  # never the code
    assert all("_" not in label for label in role_labels().values())


def test_places_in_french() -> None:
    first: dict[str, str] = {}
    for row in _rows("cities.tsv"):
        first.setdefault(row["id"], row["form"])
    assert first["Beijing"] == "Pékin" and first["Hanoi"] == "Hanoï"
    for city_id, french in first.items():
        assert place_name(city_id) == french
    assert place_name("beijing") == "Pékin" and place_name("Hanoi") == "Hanoï"
    assert place_name("Tombouctou") == "Tombouctou"  # not a known city: unchanged


def test_organisation_codes_and_titles() -> None:
    assert organization_name("ORG:WEF") == "Forum économique mondial (WEF)"
    assert organization_name("ORG:XYZ") == "XYZ"
    assert organization_name("VN") == "VN"
    assert clean_title("présidents") == "président"
    assert clean_title("directeur, le lieutenant-général") == "directeur"
    assert clean_title("ministre des Finances") == "ministre des Finances"
