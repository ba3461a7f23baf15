"""Years for partial dates, inferred only from evidence about the same event, always marked.

The text often dates an event "le 14 mars" with no year.  A year is inferred from the first of
these that the fact has, in this order, and the kind is named in the fact:

``page_date``
    the page's own date (a dateline "Hanoï, 3 novembre 2023 (VNA)" or a publication line),
    when it has a year: the event is taken in the year up to one month after that date (a
    planned event: from one month before it);
``same_sentence``
    a year written in a date expression of one of the fact's own sentences that gives the same
    day ("le 14 mars 2024", "du 12 au 15 mars 2024"), unless that expression dates another fact
    (an establishment, an anniversary, a foundation);
``anniversary``
    "à l'occasion du 50e anniversaire des relations (21 septembre 1973)" in one of the fact's
    own sentences: 1973 + 50, the anniversary's year, and the reason says so;
``weekday_terms``
    a weekday written with the day ("mercredi 14 mars"), or with a day at most a month from it
    in the event's own sentences ("du 27 au 29 avril, ... se sont envolés ce mardi 29 avril"),
    intersected with the terms of office (``kg/patterns/office_terms.tsv``) of every
    participant named that day in the document, for the office the document's titles give
    them: inferred when one year remains.

Whatever the evidence, the date must fall on the weekday written with it, inside the terms
of the participants whose terms are known, and in the years the terms table covers (1986 to
the year after its latest change), or the year stays unknown.  A full date elsewhere in
the document never counts: it belongs to another fact (the establishment of relations in 1973,
a recalled visit).  The inferred date goes to ``Fact.date_inferred``, the kind to
``attributes["date_evidence"]`` and the reason to ``attributes["date_inferred_reason"]``;
``Fact.date`` keeps what was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from kg.dates import (
    MONTHS,
    WEEKDAYS,
    date_in_year,
    days_between,
    find_dates,
    term_bounds,
    weekday_of,
    written_weekdays,
)
from kg.lexicon import OfficeTerm, lexicon
from kg.model import Actor, DateRange, Document, Fact
from kg.resolve.entities import person_key
from kg.textutil import fold

DateEvidence = Literal["page_date", "same_sentence", "anniversary", "weekday_terms"]
#: the kinds of evidence, strongest first (the order they are tried in)
DATE_EVIDENCE: tuple[DateEvidence, ...] = get_args(DateEvidence)

#: The first year the terms table covers for Vietnam: no year before it is inferred.
FIRST_YEAR = 1986

# A date expression that dates another fact than the one of its sentence: "établies le 21
# septembre 1973", "(25 mars 1971 - 25 mars 2025)" after an anniversary, "fondé le".
_OTHER_FACT = re.compile(r"etabli|anniversaire|\bfond[ea]|depuis|\bnee?s? le|en vigueur|\bnoue")
_ANNIVERSARY = re.compile(r"\b(\d{1,3})\s*(?:e|eme|ᵉ)\s+anniversaire\b")
# "un an après la célébration du 50e anniversaire": the arithmetic gives another year.
_SHIFTED = re.compile(r"\b(?:apres|avant|depuis|il y a)\b")
_APPROACHING = re.compile(r"\b(?:approche|a quelques (?:jours|semaines) d|a la veille d)")
_YEAR = re.compile(r"(?<!\d)((?:18|19|20)\d\d)(?!\d)")
_PUBLISHED = re.compile(
    r"^\s*(?:(?:publie|mis a jour|mise a jour)(?:\s+le)?\s*:?\s*)?"
    r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
    r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d|(?:1er|\d{1,2})\s+[a-z]+\s+(?:19|20)\d\d)"
    r"(?:\s*(?:[-|,]|a)?\s*\d{1,2}\s*[:h]\s*\d{2}(?:\s*(?:gmt|utc)\s*[+-]?\d+)?)?\s*$"
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Inference:
    """A year for one partial date, with the evidence that gave it."""

    date: str
    evidence: DateEvidence
    reason: str


# ---------------------------------------------------------------- the page's own date


def page_date(document: Document) -> str | None:
    """The document's own date with a year: its dateline's, else a publication line's.

    Examples:
        >>> from kg.model import Dateline, Document, Part
        >>> line = Dateline(place="Hanoï", date="3 novembre 2023", agency="VNA", start=0, end=1)
        >>> page_date(Document(id="d", article="a", section="main", headline=None,
        ...                    dateline=line, parts=(), sentences=()))
        '2023-11-03'
        >>> part = Part(kind="body", text="Publié le 14/03/2018 10:25", start=0, end=26)
        >>> page_date(Document(id="d", article="a", section="main", headline=None,
        ...                    parts=(part,), sentences=()))
        '2018-03-14'
    """
    if document.dateline and document.dateline.date:
        full = _full_date(document.dateline.date)
        if full:
            return full
    for part in document.parts:
        # A publication line stands alone: a short part that is nothing but a date.
        if part.kind in ("headline", "lede", "body", "credit") and len(part.text) <= 60:
            m = _PUBLISHED.match(fold(part.text))
            full = _full_date(m.group("date")) if m else None
            if full:
                return full
    return None


def _full_date(text: str) -> str | None:
    """``YYYY-MM-DD`` of "3 novembre 2023" or "03/11/2023", else None."""
    m = _NUMERIC.search(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return date_in_year(f"--{month:02d}-{day:02d}", year) if 1 <= month <= 12 else None
    for hit in find_dates(text):
        if isinstance(hit.value, str) and len(hit.value) == 10 and hit.value[:4].isdigit():
            return hit.value
    return None


# ---------------------------------------------------------------- terms of office


@cache
def last_year() -> int:
    """The last year the terms table speaks for: the one after its latest change.  A term with
    no end was held when the table was compiled, which says nothing of the years after."""
    bounds = [t.start for t in lexicon().office_terms] + [t.end for t in lexicon().office_terms]
    return max(int(b[:4]) for b in bounds if b) + 1


@cache
def _terms_by_name() -> dict[str, tuple[OfficeTerm, ...]]:
    by_name: dict[str, list[OfficeTerm]] = {}
    for term in lexicon().office_terms:
        keys = {person_key(term.name)} | {person_key(a) for a in term.aliases.split("|") if a}
        # Pages write Japanese names either way round: "Ishiba Shigeru", "Shigeru Ishiba".
        keys |= {" ".join(reversed(k.split())) for k in keys if len(k.split()) == 2}
        for key in keys:
            by_name.setdefault(key, []).append(term)
    return {key: tuple(terms) for key, terms in by_name.items()}


def _offices(title: str) -> set[str]:
    """The roles a title gives, one per coordinated part ("vice-Premier ministre et ministre
    des Affaires étrangères" -> deputy_head_of_government, foreign_minister).  A deputy's or a
    former holder's part gives none: their term is not the office's."""
    lex = lexicon()
    roles = set()
    for part in re.split(r"\s+et\s+|\s*,\s*", fold(title)):
        part = re.sub(r"^(?:le |la |l'|les )", "", part.strip())
        if not part or re.match(r"(?:vice|ancien|ancienne|ex-|adjoint)", part):
            continue
        for rule in lex.role_rules:
            if re.search(rule.pattern, part):
                roles.add(rule.role)
                break
        else:
            m = lex.title_regex.match(part)
            if m:
                roles.add(lex.titles[m.group(0)].role)
    return roles


def _applicable_terms(actor: Actor, titles: Iterable[str]) -> tuple[OfficeTerm, ...]:
    """The terms of the office(s) the document gives ``actor``; all of the person's terms when
    the document gives no title; none when its titles name another office (a deputy prime
    minister then, a foreign minister later: the later term says nothing)."""
    terms = _terms_by_name().get(person_key(actor.name), ())
    if actor.country and len(actor.country) == 2:
        terms = tuple(t for t in terms if t.country == actor.country)
    titles = list(titles)
    if not terms or not titles:
        return terms
    roles = set().union(*(_offices(t) for t in titles))
    return tuple(
        t
        for t in terms
        if t.role in roles or ("minister" in roles and t.role.endswith("_minister"))
    )


def _in_terms(date: str, terms: Iterable[OfficeTerm]) -> bool:
    for term in terms:
        first, last = term_bounds(term.start, term.end)
        if first <= date <= (last or f"{last_year()}-12-31"):
            return True
    return False


# ---------------------------------------------------------------- evidence


def _partial(fact: Fact) -> str | None:
    value = fact.date.start if isinstance(fact.date, DateRange) else fact.date
    if value and value.startswith("--") and len(value) == 7:
        return value
    return None


def _persons(fact: Fact) -> list[Actor]:
    return [actor for actor in fact.actors() if actor.kind == "person"]


def _sentences(fact: Fact) -> list[str]:
    return [ev.sentence for ev in (fact.evidence, *fact.also)]


def _from_page_date(month_day: str, page: str, planned: bool) -> int | None:
    """The year of ``month_day`` seen from a page dated ``page``: reports look back (the latest
    date up to a month after the page), announcements look ahead (the first from a month
    before it)."""
    year = int(page[:4])
    dates = [d for y in (year - 1, year, year + 1) if (d := date_in_year(month_day, y))]
    if planned:
        ahead = [d for d in dates if days_between(page, d) >= -31]
        return int(ahead[0][:4]) if ahead else None
    back = [d for d in dates if days_between(page, d) <= 31]
    return int(back[-1][:4]) if back else None


def _covers(value: object, month_day: str) -> int | None:
    """The year of a written date expression that gives the day ``month_day``."""
    if isinstance(value, str):
        return int(value[:4]) if len(value) == 10 and value[4:] == month_day[1:] else None
    if isinstance(value, DateRange) and value.start[:4].isdigit() and value.end[:4].isdigit():
        year = int(value.start[:4])
        day = date_in_year(month_day, year)
        return year if day and value.start <= day <= value.end else None
    return None


def _same_sentence_years(sentences: Iterable[str], month_day: str) -> set[int]:
    years = set()
    for text in sentences:
        folded = fold(text)
        for hit in find_dates(text):
            year = _covers(hit.value, month_day)
            if year is not None and not _OTHER_FACT.search(
                folded[max(0, hit.start - 80) : hit.start]
            ):
                years.add(year)
    return years


def _anniversary(sentences: Iterable[str], month_day: str) -> tuple[int, str] | None:
    """The year an anniversary written with the event gives, with its arithmetic."""
    found: set[tuple[int, str]] = set()
    for text in sentences:
        folded = fold(text)
        for m in _ANNIVERSARY.finditer(folded):
            if _SHIFTED.search(folded[max(0, m.start() - 40) : m.start()]):
                continue
            after = folded[m.end() : m.end() + 200]
            origin = _YEAR.search(after)
            if origin is None:
                continue
            n, first = int(m.group(1)), int(origin.group(1))
            year = first + n
            # "à l'approche du 75e anniversaire (18 janvier 1950)" on 28 December: the
            # anniversary is still ahead, so the event is in the year before it.
            origin_day = _origin_day(after[: origin.end()])
            arithmetic = f"{n}e anniversaire of {first}: {first} + {n} = {year}"
            if (
                origin_day
                and _APPROACHING.search(folded[max(0, m.start() - 40) : m.start()])
                and month_day > origin_day
            ):
                year -= 1
                arithmetic += f", still ahead on {_dm(month_day)}: {year}"
            found.add((year, arithmetic))
    return min(found) if len({y for y, _ in found}) == 1 else None


def _origin_day(text: str) -> str | None:
    """``--MM-DD`` of the day written just before the year of an anniversary's origin."""
    m = re.search(r"(1er|\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+\d{4}$", text)
    if m is None:
        return None
    day = 1 if m.group(1) == "1er" else int(m.group(1))
    return f"--{MONTHS[m.group(2)]:02d}-{day:02d}"


# ---------------------------------------------------------------- inference


@dataclass
class _Day:
    """What the facts of one document dated the same day say about that day."""

    #: (``--MM-DD``, weekday) written in the facts' sentences
    weekdays: set[tuple[str, str]]
    persons: dict[str, Actor]


def _days(facts: Iterable[Fact]) -> dict[tuple[str, str], _Day]:
    """Per document and partial date, the weekdays written with it and the participants.

    Facts of one document dated the same day share them: "Le même jour" after "ce vendredi 3
    novembre" is that Friday too, with the same people in office.
    """
    days: dict[tuple[str, str], _Day] = {}
    for fact in facts:
        month_day = _partial(fact)
        if month_day is None:
            continue
        weekdays: set[tuple[str, str]] = set()
        for text in _sentences(fact):
            weekdays |= written_weekdays(text)
        written = str(fact.attributes.get("weekday", ""))
        if written.endswith(month_day):
            weekdays.add((month_day, written.split(" ")[0]))
        for ev in (fact.evidence, *fact.also):
            day = days.setdefault((ev.doc, month_day), _Day(set(), {}))
            day.weekdays |= weekdays
            day.persons.update((a.id, a) for a in _persons(fact))
    return days


def infer_years(
    facts: Iterable[Fact],
    doc_dates: Mapping[str, str],
    titles: Mapping[tuple[str, str], Iterable[str]] | None = None,
) -> list[Fact]:
    """Return ``facts`` with ``date_inferred`` set where the evidence allows it.

    ``doc_dates`` holds the page's own date of each document that has one (see
    :func:`page_date`); ``titles`` the titles each document gives a person, keyed by document
    and person id, which choose the terms of office that apply.
    """
    titles = titles or {}
    facts = list(facts)
    days = _days(facts)
    out = []
    for fact in facts:
        month_day = _partial(fact)
        found = None
        if month_day is not None:
            docs = list(dict.fromkeys(ev.doc for ev in (fact.evidence, *fact.also)))
            weekdays: set[tuple[str, str]] = set()
            persons: dict[str, Actor] = {}
            for doc in docs:
                weekdays |= days[(doc, month_day)].weekdays
                persons.update(days[(doc, month_day)].persons)
            held = {}
            for actor in persons.values():
                seen = [t for doc in docs for t in titles.get((doc, actor.id), ())]
                if terms := _applicable_terms(actor, seen):
                    held[actor.name] = terms
            found = _infer(fact, month_day, docs, doc_dates, weekdays, held)
        if found is None:
            out.append(fact)
            continue
        attributes = dict(fact.attributes)
        attributes["date_evidence"] = found.evidence
        attributes["date_inferred_reason"] = found.reason
        out.append(fact.model_copy(update={"date_inferred": found.date, "attributes": attributes}))
    return out


def _infer(
    fact: Fact,
    month_day: str,
    docs: list[str],
    doc_dates: Mapping[str, str],
    weekdays: set[tuple[str, str]],
    held: Mapping[str, tuple[OfficeTerm, ...]],
) -> Inference | None:
    """The first evidence the fact has, kept only if the weekday and the terms agree."""

    def checked(year: int | None, evidence: DateEvidence, reason: str) -> Inference | None:
        # A year the terms table does not reach cannot be checked against anyone's term.
        if year is None or not FIRST_YEAR <= year <= last_year() + 1:
            return None
        date = date_in_year(month_day, year)
        if date is None or _weekday_conflict(date, weekdays):
            return None
        if not all(_in_terms(date, terms) for terms in held.values()):
            return None
        return Inference(date, evidence, reason)

    dated = {doc_dates[d] for d in docs if d in doc_dates}
    if dated:
        planned = fact.attributes.get("status") == "planned"
        from_pages = {_from_page_date(month_day, page, planned) for page in dated}
        if len(from_pages) != 1:
            return None
        year = next(iter(from_pages))
        pages = ", ".join(sorted(dated))
        way = "from a month before it on (announced)" if planned else "up to a month after it"
        return checked(
            year,
            "page_date",
            f"the page is dated {pages}; {_dm(month_day)} is taken in {year}, the year {way}",
        )
    sentences = _sentences(fact)
    years = _same_sentence_years(sentences, month_day)
    if years:
        if len(years) > 1:
            return None
        year = next(iter(years))
        return checked(
            year, "same_sentence", f"{_dm(month_day)}/{year} is written in the event's sentence"
        )
    anniversary = _anniversary(sentences, month_day)
    if anniversary is not None:
        year, arithmetic = anniversary
        return checked(year, "anniversary", f"the event marks the {arithmetic}")
    bearing = {(d, w) for d, w in weekdays if _near(month_day, d)}
    if not bearing or not held:
        return None
    kept = [
        y for y in range(FIRST_YEAR, last_year() + 1) if checked(y, "weekday_terms", "") is not None
    ]
    if len(kept) != 1:
        return None
    who = ", ".join(sorted(held))
    days = ", ".join(f"{w} {_dm(d)}" for d, w in sorted(bearing))
    if any(d != month_day for d, _ in bearing):
        days += f" (written with the event of {_dm(month_day)})"
    return checked(
        kept[0],
        "weekday_terms",
        f"{days} falls in {kept[0]} and no other year while {who} held office",
    )


def _near(month_day: str, other: str) -> bool:
    """Whether two partial dates can be a month apart or less (across a new year too)."""
    first = date_in_year(month_day, 2001)
    second = date_in_year(other, 2001)
    if first is None or second is None:  # 29 February: read in a leap year
        first, second = date_in_year(month_day, 2000), date_in_year(other, 2000)
    assert first is not None and second is not None
    gap = abs(days_between(first, second))
    return min(gap, 365 - gap) <= 31


def _weekday_conflict(date: str, weekdays: Iterable[tuple[str, str]]) -> bool:
    """Whether a weekday written for ``date``'s day, or for a day within a month of it in the
    same sentences ("arrivé le 9 mars, il a quitté Jakarta ce mardi 11 mars"), contradicts it."""
    for month_day, weekday in weekdays:
        if not _near("--" + date[5:], month_day):
            continue
        year = int(date[:4])
        candidates = [d for y in (year - 1, year, year + 1) if (d := date_in_year(month_day, y))]
        nearest = min(candidates, key=lambda d: abs(days_between(date, d)))
        if weekday_of(nearest) != weekday:
            return True
    return False


def _dm(month_day: str) -> str:
    return f"{month_day[5:]}/{month_day[2:4]}"
