"""What the page says, in French: dates, roles, place names, organisation codes, titles.

- Dates are written one way everywhere: ``11 avril`` (no year), ``3 novembre 2017``,
  ``novembre 2017``, ``2017``; ranges as ``du 30 octobre au 1er novembre 2022``.  A year that was
  inferred (``fact.date_inferred``) is followed by ``(année déduite)``.
- Roles (``foreign_minister``) come from ``kg/patterns/labels_fr.tsv``.
- Places: ``kg/patterns/cities.tsv`` lists the forms of each city, the French one first; the
  page shows that first form for any form or id of the city ("Beijing" -> "Pékin").
- ``ORG:UNICEF``-style codes, which the facts table uses as the country of an organisation's
  staff, are shown as the organisation's name (``kg/patterns/organizations.tsv``).
"""

from __future__ import annotations

import re
from functools import cache

from kg.datafiles import Row, tsv
from kg.dates import MONTH_NAMES as MONTHS
from kg.dates import PartialDate, date_bounds, fact_bounds
from kg.errors import DateError
from kg.model import Fact
from kg.textutil import fold_name

INFERRED = "année déduite"


class _Label(Row):
    kind: str
    code: str
    label: str


class _City(Row):
    form: str
    id: str
    country: str


class _Organization(Row):
    acronym: str
    name: str
    country: str
    kind: str


def _table(name: str, model: type[Row]) -> list[dict[str, str]]:
    return [row.model_dump() for row in tsv(name, model)]


@cache
def role_labels() -> dict[str, str]:
    """Role code -> French words, from ``labels_fr.tsv``."""
    return {r["code"]: r["label"] for r in _table("labels_fr.tsv", _Label) if r["kind"] == "role"}


@cache
def _cities() -> dict[str, str]:
    """Folded form or id of a city -> its French name (the first form listed for its id)."""
    first: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in _table("cities.tsv", _City):
        french = first.setdefault(row["id"], row["form"])
        names.setdefault(fold_name(row["form"]), french)
        names.setdefault(fold_name(row["id"]), french)
    return names


@cache
def _organizations() -> dict[str, str]:
    return {r["acronym"]: r["name"] for r in _table("organizations.tsv", _Organization)}


def place_name(name: str) -> str:
    """The French spelling of a city, or ``name`` unchanged.

    Examples:
        >>> place_name("Beijing"), place_name("Hanoi"), place_name("Vientiane")
        ('Pékin', 'Hanoï', 'Vientiane')
    """
    return _cities().get(fold_name(name), name)


def role_label(role: str) -> str:
    """French words for a role code ("" for an unknown or empty code: never the code)."""
    return role_labels().get(role, "")


def organization_name(code: str) -> str:
    """``ORG:UNICEF`` -> "Fonds des Nations unies pour l'enfance (UNICEF)"; else ``code``."""
    if not code.startswith("ORG:"):
        return code
    acronym = code.split(":", 1)[1]
    name = _organizations().get(acronym)
    return f"{name} ({acronym})" if name else acronym


_TRAILING_APPOSITION = re.compile(r",\s+(?:le|la|l')\s*[^,]*$")


def clean_title(title: str) -> str:
    """A title as a function reads: a bare plural head singular, a trailing ", le général" off.

    Examples:
        >>> clean_title("présidents"), clean_title("vice-ministre de la Défense, le général")
        ('président', 'vice-ministre de la Défense')
    """
    title = _TRAILING_APPOSITION.sub("", title.strip())
    if " " not in title and title.endswith("s") and len(title) > 3:
        title = title[:-1]
    return title


def _day(day: int) -> str:
    return "1er" if day == 1 else str(day)


def _parse(value: str) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except DateError:
        return None


def _words(date: PartialDate) -> str:
    words = [_day(date.day)] if date.day else []
    words += [MONTHS[date.month - 1]] if date.month else []
    return " ".join(words + ([str(date.year)] if date.has_year else []))


def french_date(value: str | None) -> str:
    """One date written in French: ``--04-11`` -> "11 avril", ``2017-11`` -> "novembre 2017".

    Examples:
        >>> french_date("2017-11-03"), french_date("--04-11"), french_date("2017-11")
        ('3 novembre 2017', '11 avril', 'novembre 2017')
        >>> french_date("2022-12-01"), french_date("1992"), french_date("")
        ('1er décembre 2022', '1992', '')
    """
    if not value:
        return ""
    date = _parse(value)
    return value if date is None else _words(date)


def _days(value: str) -> PartialDate | None:
    date = _parse(value)
    return date if date is not None and date.day else None


def french_range(start: str, end: str) -> str:
    """A range of dates: "du 30 octobre au 1er novembre 2022", "du 1er au 4 mars 2023".

    Examples:
        >>> french_range("2022-10-30", "2022-11-01")
        'du 30 octobre au 1er novembre 2022'
        >>> french_range("2023-03-01", "2023-03-04"), french_range("--12-01", "--12-02")
        ('du 1er au 4 mars 2023', 'du 1er au 2 décembre')
        >>> french_range("2021-12-30", "2022-01-02")
        'du 30 décembre 2021 au 2 janvier 2022'
    """
    if start == end:
        return french_date(start)
    a, b = _days(start), _days(end)
    if a is not None and b is not None and (a.year == b.year or not b.has_year):
        year = f" {a.year}" if a.has_year else ""
        if a.month == b.month:
            return f"du {_day(a.day)} au {_day(b.day)} {MONTHS[a.month - 1]}{year}"
        return (
            f"du {_day(a.day)} {MONTHS[a.month - 1]} au {_day(b.day)} {MONTHS[b.month - 1]}{year}"
        )
    return f"du {french_date(start)} au {french_date(end)}"


def fact_date(fact: Fact) -> str:
    """The date of ``fact`` in French, its year marked "(année déduite)" when it was inferred.

    Examples:
        >>> from kg.model import Evidence
        >>> ev = Evidence(article="a", doc="d", section="main", sentence="s", span=(0, 1))
        >>> f = Fact(type="visit", roles={}, evidence=ev, rule="r", confidence=1.0,
        ...          date="--11-03", date_inferred="2017-11-03")
        >>> fact_date(f)
        '3 novembre 2017 (année déduite)'
    """
    written = date_bounds(fact.date)
    if written is None:  # no date written: only an inferred one, if any
        return f"{french_date(fact.date_inferred)} ({INFERRED})" if fact.date_inferred else ""
    bounds = fact_bounds(fact) or written
    inferred = bounds[0].has_year and not written[0].has_year
    text = french_range(str(bounds[0]), str(bounds[1]))
    return f"{text} ({INFERRED})" if inferred else text


def period(first: str | None, last: str | None) -> str:
    """When a post was seen: "le 3 novembre 2017", "du 11 avril au 3 novembre", "en 2017"."""
    if not first and not last:
        return ""
    if first and last and first != last:
        return french_range(first, last)
    one = first or last or ""
    text = french_date(one)
    return f"le {text}" if _days(one) else f"en {text}"
