"""French date expressions: single days, ranges, months, weekdays; partial dates stay partial.

A date is written as in the facts table: ``YYYY-MM-DD`` when the year is written in the
expression itself, ``--MM-DD`` when it is not, ``YYYY-MM`` for a month; ranges are
:class:`kg.model.DateRange`.  No year is ever taken from context here (see
:func:`kg.resolve.infer_years` for the evidence-based inference, kept apart and marked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import DateRange, DateValue
from kg.textutil import fold

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_M = "(" + "|".join(MONTHS) + ")"
_D = r"(1er|[12]?\d|3[01])(?:er)?"
_Y = r"((?:19|20)\d\d)"
_W = "(?:(" + "|".join(WEEKDAYS) + r")\s+)?"

_RANGE = re.compile(
    rf"\bdu\s+{_W}{_D}(?:\s+{_M})?(?:\s+{_Y})?\s+au\s+{_W}{_D}\s+{_M}(?:\s+{_Y})?(?!\d)"
)
_PAIR = re.compile(rf"\bles\s+{_D}\s+et\s+{_D}\s+{_M}(?:\s+{_Y})?(?!\d)")
_SINGLE = re.compile(rf"(?<![\w]){_W}{_D}\s+{_M}(?:\s+{_Y})?(?!\d)")
_MONTH = re.compile(rf"\ben\s+{_M}\s+{_Y}\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class DateHit:
    """A date expression found in a text: its value, span and words."""

    value: DateValue | None
    start: int
    end: int
    text: str
    weekday: str | None = None


def _day(text: str) -> int:
    return 1 if text.startswith("1er") else int(text)


def _fmt(year: str | None, month: int, day: int) -> str:
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def find_dates(text: str) -> list[DateHit]:
    """Every date expression of ``text``, in order, without overlaps.

    Examples:
        >>> [h.value for h in find_dates("du 30 octobre au 1er novembre 2022")]
        [DateRange(start='2022-10-30', end='2022-11-01')]
        >>> [h.value for h in find_dates("les 1er et 2 décembre")]
        [DateRange(start='--12-01', end='--12-02')]
        >>> [h.value for h in find_dates("ce vendredi 3 novembre à Hanoï")]
        ['--11-03']
        >>> [h.value for h in find_dates("en décembre 2022, les deux pays")]
        ['2022-12']
        >>> [(h.value, h.weekday) for h in find_dates("a reçu vendredi à Hanoi")]
        [(None, 'vendredi')]
    """
    folded = fold(text)
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(hit: DateHit) -> None:
        if free(hit.start, hit.end):
            hits.append(hit)
            taken.append((hit.start, hit.end))

    for m in _RANGE.finditer(folded):
        w1, d1, m1, y1, _w2, d2, m2, y2 = m.groups()
        month1 = MONTHS[m1] if m1 else MONTHS[m2]
        year1 = y1 or y2
        value = DateRange(start=_fmt(year1, month1, _day(d1)), end=_fmt(y2, MONTHS[m2], _day(d2)))
        add(DateHit(value, m.start(), m.end(), text[m.start() : m.end()], w1))
    for m in _PAIR.finditer(folded):
        d1, d2, mo, y = m.groups()
        value = DateRange(start=_fmt(y, MONTHS[mo], _day(d1)), end=_fmt(y, MONTHS[mo], _day(d2)))
        add(DateHit(value, m.start(), m.end(), text[m.start() : m.end()]))
    for m in _SINGLE.finditer(folded):
        w, d, mo, y = m.groups()
        add(DateHit(_fmt(y, MONTHS[mo], _day(d)), m.start(), m.end(), text[m.start() : m.end()], w))
    for m in _MONTH.finditer(folded):
        mo, y = m.groups()
        add(DateHit(f"{y}-{MONTHS[mo]:02d}", m.start(), m.end(), text[m.start() : m.end()]))
    for m in _WEEKDAY.finditer(folded):
        add(DateHit(None, m.start(), m.end(), text[m.start() : m.end()], m.group(1)))
    return sorted(hits, key=lambda h: h.start)


def nearest_date(text: str, position: int) -> DateHit | None:
    """The date expression of ``text`` closest to ``position`` (ties go to the later one)."""
    hits = find_dates(text)
    if not hits:
        return None

    def distance(hit: DateHit) -> tuple[int, int, int]:
        gap = hit.start - position if hit.start >= position else position - hit.end
        return (0 if hit.value is not None else 1, gap, -hit.start)

    return min(hits, key=distance)


def year_of(value: DateValue | None) -> int | None:
    """The year written in a date value, if any."""
    if value is None:
        return None
    text = value.start if isinstance(value, DateRange) else value
    return int(text[:4]) if text[:4].isdigit() else None


# ---------------------------------------------------------------- year inference

WEEKDAY_INDEX = {name: i for i, name in enumerate(WEEKDAYS)}


def weekday_years(
    month_day: str, weekday: str, *, first: int = 1945, last: int = 2035
) -> list[int]:
    """The years in which ``--MM-DD`` falls on ``weekday`` (French name).

    Examples:
        >>> [y for y in weekday_years("--11-03", "vendredi") if 2010 <= y <= 2025]
        [2017, 2023]
    """
    import datetime

    month, day = int(month_day[2:4]), int(month_day[5:7])
    target = WEEKDAY_INDEX[weekday]
    years = []
    for year in range(first, last + 1):
        try:
            if datetime.date(year, month, day).weekday() == target:
                years.append(year)
        except ValueError:
            continue
    return years


def in_term(date: str, start: str, end: str) -> bool:
    """Whether the full date ``YYYY-MM-DD`` lies in the term ``start``..``end`` (open end)."""
    return start <= date and (not end or date <= end)


_PART_OF_DAY = r"(?:\s+(?:matin|soir|midi|apres-midi|dans la (?:matinee|soiree|nuit)))?"
_WEEKDAY_DAY = re.compile(
    r"\b(" + "|".join(WEEKDAYS) + r")" + _PART_OF_DAY + rf"\s+{_D}\s+{_M}(?!\s+(?:19|20)\d\d)"
)


def written_weekdays(text: str) -> set[tuple[str, str]]:
    """The days ``text`` writes with their weekday and no year, as (``--MM-DD``, weekday).

    Examples:
        >>> sorted(written_weekdays("Lundi soir 9 mars, puis mardi matin 10 mars"))
        [('--03-09', 'lundi'), ('--03-10', 'mardi')]
        >>> written_weekdays("le 9 mars, mardi 10 mars 2020")
        set()
    """
    found = set()
    for m in _WEEKDAY_DAY.finditer(fold(text)):
        weekday, day, month = m.groups()
        found.add((_fmt(None, MONTHS[month], _day(day)), weekday))
    return found


def weekday_of(date: str) -> str:
    """The French weekday of a full date ``YYYY-MM-DD``.

    Examples:
        >>> weekday_of("2017-11-03")
        'vendredi'
    """
    import datetime

    return WEEKDAYS[datetime.date.fromisoformat(date).weekday()]


def term_bounds(start: str, end: str) -> tuple[str, str]:
    """The first and last full dates a term may cover, reading an imprecise bound widely.

    A term written ``2018-08`` starts on the first of August and ends on the 31st: a date of that
    month is never held outside the term for want of a day.  An empty end stays open (``""``).

    Examples:
        >>> term_bounds("2018-08", "2022-05")
        ('2018-08-01', '2022-05-31')
        >>> term_bounds("1996", "")
        ('1996-01-01', '')
    """
    import calendar

    def last(text: str) -> str:
        if len(text) == 4:
            return f"{text}-12-31"
        if len(text) == 7:
            days = calendar.monthrange(int(text[:4]), int(text[5:7]))[1]
            return f"{text}-{days:02d}"
        return text

    first = start + "-01-01" if len(start) == 4 else start + "-01" if len(start) == 7 else start
    return first, last(end) if end else ""


def date_in_year(month_day: str, year: int) -> str | None:
    """``--MM-DD`` in ``year`` as ``YYYY-MM-DD``; None for 29 February of a common year.

    Examples:
        >>> date_in_year("--02-29", 2023) is None
        True
    """
    import datetime

    try:
        return datetime.date(year, int(month_day[2:4]), int(month_day[5:7])).isoformat()
    except ValueError:
        return None


def days_between(first: str, second: str) -> int:
    """Days from ``first`` to ``second`` (full dates); negative when ``second`` is earlier."""
    import datetime

    return (datetime.date.fromisoformat(second) - datetime.date.fromisoformat(first)).days
