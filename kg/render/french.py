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
from kg.model import DateRange, Fact
from kg.textutil import fold_name

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
INFERRED = "année déduite"
_DATE = re.compile(r"^(?:(\d{4})|--)(?:-?(\d{2}))?(?:-(\d{2}))?$")


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


def _day(day: str) -> str:
    return "1er" if day == "01" else str(int(day))


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
    match = _DATE.match(value)
    if match is None:
        return value
    year, month, day = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year or value
    words = [MONTHS[int(month) - 1]]
    if day is not None:
        words.insert(0, _day(day))
    if year:
        words.append(year)
    return " ".join(words)


def _parts(value: str) -> tuple[str, str, str] | None:
    match = _DATE.match(value)
    if match is None or match.group(2) is None or match.group(3) is None:
        return None
    year, month, day = match.groups()
    return year or "", month, day


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
    a, b = _parts(start), _parts(end)
    if a is not None and b is not None and (a[0] == b[0] or not b[0]):
        year = f" {a[0]}" if a[0] else ""
        if a[1] == b[1]:
            return f"du {_day(a[2])} au {_day(b[2])} {MONTHS[int(a[1]) - 1]}{year}"
        return (
            f"du {_day(a[2])} {MONTHS[int(a[1]) - 1]} au {_day(b[2])} {MONTHS[int(b[1]) - 1]}{year}"
        )
    return f"du {french_date(start)} au {french_date(end)}"


def _with_year(value: str, year: str) -> str:
    return year + value[1:] if value.startswith("--") else value


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
    date = fact.date
    start = date.start if isinstance(date, DateRange) else (date or "")
    inferred = fact.date_inferred or ""
    if inferred[:4].isdigit() and not start[:4].isdigit():
        year = inferred[:4]
        if isinstance(date, DateRange):
            text = french_range(_with_year(date.start, year), _with_year(date.end, year))
        elif date:
            text = french_date(_with_year(date, year))
        else:
            text = french_date(inferred)
        return f"{text} ({INFERRED})"
    if isinstance(date, DateRange):
        return french_range(date.start, date.end)
    return french_date(date)


def period(first: str | None, last: str | None) -> str:
    """When a post was seen: "le 3 novembre 2017", "du 11 avril au 3 novembre", "en 2017"."""
    if not first and not last:
        return ""
    if first and last and first != last:
        return french_range(first, last)
    one = first or last or ""
    text = french_date(one)
    return f"le {text}" if _parts(one) else f"en {text}"
