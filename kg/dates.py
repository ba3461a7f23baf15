"""French date expressions: single days, ranges, months, weekdays; partial dates stay partial.

A date is written as in the facts table: ``YYYY-MM-DD`` when the year is written in the
expression itself, ``--MM-DD`` when it is not, ``YYYY-MM`` for a month; ranges are
:class:`kg.model.DateRange`.  No year is ever taken from context here (see
:func:`kg.resolve.infer_years` for the evidence-based inference, kept apart and marked).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import re
from dataclasses import dataclass

from kg.errors import DateError
from kg.model import DateRange, DateValue, Fact
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
#: the months as written, with their accents, for writing dates in French
MONTH_NAMES = (
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


def _exists(value: DateValue | None) -> bool:
    """Whether a date read from text is a day of the calendar ("31 novembre" is not)."""
    ends = (value.start, value.end) if isinstance(value, DateRange) else (value,)
    try:
        for end in ends:
            if end is not None:
                PartialDate.parse(end)
    except DateError:
        return False
    return True


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
        >>> find_dates("le 31 novembre")
        []
    """
    folded = fold(text)
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(hit: DateHit) -> None:
        if free(hit.start, hit.end) and _exists(hit.value):
            hits.append(hit)
            taken.append((hit.start, hit.end))

    for m in _RANGE.finditer(folded):
        w1, d1, m1, y1, _w2, d2, m2, y2 = m.groups()
        month1 = MONTHS[m1] if m1 else MONTHS[m2]
        year1 = y1 or y2
        if not y1 and y2 and month1 > MONTHS[m2]:  # "du 30 décembre au 2 janvier 2023"
            year1 = str(int(y2) - 1)
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


# ---------------------------------------------------------------- partial dates


_PARTIAL = re.compile(r"^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})(?:-(\d{2}))?)$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as the text: ``2017-11-03``, ``2017-11``, ``2017``, ``--11-03`` (day and
    month, no year) or ``--11``.  The one type every layer parses, orders and compares with.

    Ordering puts dates with a year first (by year, month, day; a month before its days), then
    dates without one.

    Examples:
        >>> PartialDate.parse("2023-05").first(), PartialDate.parse("2023-05").last()
        (datetime.date(2023, 5, 1), datetime.date(2023, 5, 31))
        >>> str(PartialDate.parse("--11-03").with_year(2017))
        '2017-11-03'
        >>> PartialDate.parse("2020-13-45")
        Traceback (most recent call last):
        kg.errors.DateError: bad date '2020-13-45': month 13 does not exist
    """

    yearless: bool
    year: int
    month: int
    day: int

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``--MM-DD`` or ``--MM`` (raises
        :class:`kg.errors.DateError` with the reason)."""
        m = _PARTIAL.match(text.strip()) if isinstance(text, str) else None
        if m is None:
            raise DateError(
                f"bad date {text!r}: use YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD (e.g. 2023-05-10)"
            )
        year_text, month_text, day_text = (
            m.group(1),
            m.group(2) or m.group(4),
            m.group(3) or m.group(5),
        )
        year = int(year_text) if year_text else 0
        if year_text and year == 0:
            raise DateError(f"bad date {text!r}: there is no year 0")
        month = int(month_text) if month_text else 0
        day = int(day_text) if day_text else 0
        if month_text and not 1 <= month <= 12:
            raise DateError(f"bad date {text!r}: month {month} does not exist")
        if day_text:
            # a year without 29 February cannot be checked without a year: 2000 is a leap year
            days = calendar.monthrange(year or 2000, month)[1]
            if not 1 <= day <= days:
                raise DateError(f"bad date {text!r}: day {day} is not in month {month}")
        return cls(yearless=not year_text, year=year, month=month, day=day)

    @property
    def has_year(self) -> bool:
        return not self.yearless

    def __str__(self) -> str:
        head = f"{self.year:04d}" if self.has_year else "-"
        parts = [head] + [f"{v:02d}" for v in (self.month, self.day) if v]
        return "-".join(parts)

    def with_year(self, year: int) -> PartialDate:
        """This month and day in ``year`` (raises :class:`kg.errors.DateError` for a day that
        year does not have, 29 February of 2023)."""
        if self.day and self.day > calendar.monthrange(year, self.month)[1]:
            raise DateError(f"{self} does not exist in {year}")
        return PartialDate(yearless=False, year=year, month=self.month, day=self.day)

    def _ordinal(self) -> tuple[int, int]:
        """Month and day for comparing dates within a year, a missing day as the month's end."""
        return self.month, self.day or 31

    def first(self) -> datetime.date:
        """The first day this date can mean (needs a year)."""
        self._need_year()
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> datetime.date:
        """The last day this date can mean (needs a year)."""
        self._need_year()
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def month_day(self) -> tuple[int, int]:
        """``(month, day)``, 0 where not written."""
        return self.month, self.day

    def _need_year(self) -> None:
        if not self.has_year:
            raise DateError(f"{self} has no year")


def date_bounds(
    value: DateValue | None, inferred: str | None = None
) -> tuple[PartialDate, PartialDate] | None:
    """First and last :class:`PartialDate` of a fact's date, the inferred year applied.

    A range whose end has no year takes the year of its start; a date without a year takes the
    inferred one when there is one.

    Examples:
        >>> [str(d) for d in date_bounds(DateRange(start="2019-03-30", end="--04-02"))]
        ['2019-03-30', '2019-04-02']
        >>> [str(d) for d in date_bounds("--11-03", "2017-11-03")]
        ['2017-11-03', '2017-11-03']
    """
    if value is None:
        return None
    if isinstance(value, DateRange):
        start, end = PartialDate.parse(value.start), PartialDate.parse(value.end)
        if start.has_year and not end.has_year:
            # the end is in the start's year, or the next one ("du 30 décembre au 2 janvier")
            later = end.month and end._ordinal() < start._ordinal()
            end = end.with_year(start.year + bool(later)) if end.month else start
    else:
        start = end = PartialDate.parse(value)
    if inferred and not start.has_year:
        guess = PartialDate.parse(inferred)
        if guess.has_year and start == end:
            start = end = guess
        elif guess.has_year and start.month and end.month:
            # a range: the end is in the same year, or the next one; a day the inferred year
            # does not have means the inference does not fit: the dates stay without a year
            later = end._ordinal() < start._ordinal()
            with contextlib.suppress(DateError):
                start, end = start.with_year(guess.year), end.with_year(guess.year + later)
    return start, end


def as_bound(value: str | PartialDate | None) -> PartialDate | None:
    """A window bound given by a user: parsed, with a clear error when it is not a date."""
    if value is None or isinstance(value, PartialDate):
        return value
    return PartialDate.parse(value)


def fact_bounds(fact: Fact) -> tuple[PartialDate, PartialDate] | None:
    """First and last date of ``fact`` (see :func:`date_bounds`), None when undated."""
    return date_bounds(fact.date, fact.date_inferred)


def fact_in_window(
    fact: Fact, since: str | PartialDate | None, until: str | PartialDate | None
) -> bool:
    """Whether ``fact`` overlaps ``[since, until]`` (see :func:`in_window`); bad bounds raise
    :class:`kg.errors.DateError`."""
    return in_window(fact_bounds(fact), as_bound(since), as_bound(until))


def time_key(fact: Fact) -> tuple[int, tuple[int, int, int], str]:
    """Sort key of facts in time: dated with a year first (by date), then dates without a year
    (by month and day), then undated ones; ties by id.

    Examples:
        >>> from kg.model import Evidence
        >>> ev = Evidence(article="a", doc="d", section="main", sentence="s", span=(0, 1))
        >>> def fact(i, date):
        ...     return Fact(id=i, type="meeting", roles={}, date=date, evidence=ev, rule="r",
        ...                 confidence=1.0)
        >>> facts = [fact("f1", None), fact("f2", "--01-05"), fact("f3", "2022-12"),
        ...          fact("f4", "2019-03-01"), fact("f0", "--01-05")]
        >>> [f.id for f in sorted(facts, key=time_key)]
        ['f4', 'f3', 'f0', 'f2', 'f1']
    """
    bounds = fact_bounds(fact)
    if bounds is None:
        return (2, (0, 0, 0), fact.id)
    start = bounds[0]
    return (0 if start.has_year else 1, (start.year, start.month, start.day), fact.id)


def in_window(
    bounds: tuple[PartialDate, PartialDate] | None,
    since: PartialDate | None,
    until: PartialDate | None,
) -> bool:
    """Whether dates ``bounds`` overlap the window ``[since, until]``, each bound at its own
    precision (``until=2022`` keeps all of 2022; ``since=2023-05-10`` keeps ``2023-05``, which
    may be after the 10th).  A bound without a year (``--03-01``) compares months and days
    only.  Undated facts, or facts without a year under a bound with one, are outside.

    Examples:
        >>> b = date_bounds("2023-05")
        >>> in_window(b, PartialDate.parse("2023-05-10"), None)
        True
        >>> in_window(b, PartialDate.parse("2023-06"), None)
        False
        >>> in_window(date_bounds("--05-12"), PartialDate.parse("--05-01"), None)
        True
    """
    if since is None and until is None:
        return True
    if bounds is None:
        return False
    start, end = bounds
    # a year-only date, a range over a year end or over several years covers every day of
    # the year: a bound without a year cannot leave it out
    every_day = (
        not start.month
        or not end.month
        or (start.has_year and end.has_year and start.year != end.year)
        or start._ordinal() > end._ordinal()
    )
    if since is not None:
        if since.has_year:
            if not end.has_year or end.last() < since.first():
                return False
        elif not every_day and end._ordinal() < (since.month, since.day or 1):
            return False
    if until is not None:
        if until.has_year:
            if not start.has_year or start.first() > until.last():
                return False
        elif not every_day and (start.month, start.day or 1) > until._ordinal():
            return False
    return True


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
