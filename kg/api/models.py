"""Typed answers of :class:`kg.api.KnowledgeGraph`: frozen pydantic models, a list class for
notebooks and pandas, and a plain-text table for the shell.

Every list of facts the API returns is in time order (:func:`kg.dates.time_key`): facts whose
date has a year first, by date (a range by its start); then partial dates (``--MM-DD``) by
month and day; then undated facts.  A year the pipeline inferred counts as the fact's year.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict

from kg.errors import KgError
from kg.model import Actor, DateRange, DateValue, Post
from kg.tables.text import text_table

if TYPE_CHECKING:
    import pandas as pd


class Result(BaseModel):
    """Base of every answer: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Person(Result):
    """A person with their country (ISO2, or ``ORG:<acronym>`` for international staff)."""

    id: str
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    title: str | None = None
    posts: tuple[Post, ...] = ()


class Country(Result):
    """A country, with how many facts involve it (directly or through its nationals)."""

    id: str
    iso2: str
    name: str
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    persons: int = 0
    facts: int = 0


class Institution(Result):
    """An organisation (party, ministry, international body) and the persons who represent it."""

    id: str
    name: str
    country: str | None = None
    members: tuple[str, ...] = ()
    facts: int = 0


class Event(Result):
    """Any fact, with its actors, the countries involved and the sentence it was read in."""

    id: str
    type: str
    date: DateValue | None = None
    date_inferred: str | None = None
    place: str | None = None
    summary: str
    actors: tuple[Actor, ...]
    countries: tuple[str, ...]
    attributes: dict[str, Any] = {}
    article: str
    evidence: str


class Reception(Result):
    """``host`` received ``guest``."""

    id: str
    host: Actor
    guest: Actor
    date: DateValue | None = None
    date_inferred: str | None = None
    place: str | None = None
    evidence: str


class Visit(Result):
    """``visitor`` visited ``destination`` (``kind``: state, official, working …)."""

    id: str
    visitor: Actor
    destination: Actor
    kind: str | None = None
    status: str | None = None
    date: DateValue | None = None
    date_inferred: str | None = None
    evidence: str


class Agreement(Result):
    """An agreement between ``parties``; ``count`` is the number of documents when stated."""

    id: str
    parties: tuple[Actor, ...]
    kind: str | None = None
    label: str | None = None
    count: int | None = None
    status: str | None = None
    date: DateValue | None = None
    evidence: str


class PartnershipStep(Result):
    """One partnership fact of a pair; ``current`` marks the one that gives the current level."""

    id: str
    a: str
    b: str
    level: str | None = None
    rank: int | None = None
    label: str | None = None
    event: str | None = None
    date: DateValue | None = None
    current: bool = False
    evidence: str


class Partnership(Result):
    """The partnership framework of a pair of countries: the current level and its history."""

    a: str
    b: str
    level: str | None = None
    rank: int | None = None
    label: str | None = None
    date: DateValue | None = None
    fact: str | None = None
    history: tuple[PartnershipStep, ...] = ()


class Quote(Result):
    """One sentence that reports a fact: ``text[span[0]:span[1]] == sentence`` in the file."""

    article: str
    doc: str
    section: str
    sentence: str
    span: tuple[int, int]


class FactEvidence(Result):
    """Where a fact was read (the main report), how, and the other reports of it (``also``)."""

    id: str
    type: str
    article: str
    doc: str
    section: str
    sentence: str
    span: tuple[int, int]
    rule: str
    confidence: float
    also: tuple[Quote, ...] = ()

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Every report of the fact as a :class:`Quote`, the main one first."""
        main = Quote(
            article=self.article,
            doc=self.doc,
            section=self.section,
            sentence=self.sentence,
            span=self.span,
        )
        return (main, *self.also)


class Neighbour(Result):
    """An entity ``distance`` hops away from the one asked about (entity-to-entity edges)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    distance: int


class Centrality(Result):
    """Degree centrality of an entity: distinct neighbour entities over (entities - 1)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    degree: int
    facts: int
    score: float


R = TypeVar("R", bound=BaseModel)


class Results(list[R]):
    """A list of answers that prints as a table and converts to a pandas ``DataFrame``.

    Examples:
        >>> from kg.model import Actor
        >>> rows = Results([Neighbour(id="country:VN", name="Vietnam", kind="country",
        ...                           distance=1)])
        >>> rows
        id          name     kind     country  distance
        -----------------------------------------------
        country:VN  Vietnam  country           1
        >>> rows[0].name
        'Vietnam'
    """

    def to_dataframe(self) -> pd.DataFrame:
        """The answers as a pandas ``DataFrame``, one column per field (actors as name + id).

        Raises :class:`kg.errors.KgError` when pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as e:
            raise KgError(
                "to_dataframe() needs pandas: pip install pandas (or kg-diplomacy[pandas])"
            ) from e
        records = [flatten(row) for row in self]
        return pd.DataFrame.from_records(records, columns=_columns(records))

    def __repr__(self) -> str:
        return format_rows(self, limit=30)

    def _repr_html_(self) -> str:
        records = [flatten(row, ids=False) for row in self[:200]]
        columns = _columns(records)
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_text(r.get(c)))}</td>" for c in columns) + "</tr>"
            for r in records
        )
        more = f"<p>… {len(self) - 200} more rows</p>" if len(self) > 200 else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


# ------------------------------------------------------------------------------ flattening


def date_text(value: DateValue | None) -> str | None:
    if isinstance(value, DateRange):
        return f"{value.start}/{value.end}"
    return value


def _label(model: BaseModel) -> str:
    for name in ("name", "level", "title", "sentence", "id"):
        value = getattr(model, name, None)
        if value:
            return str(value)
    return str(model)


def _cell(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, DateRange):
        return date_text(value)
    if isinstance(value, BaseModel):
        return _label(value)
    if isinstance(value, tuple | list):
        return "; ".join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def flatten(row: BaseModel, *, ids: bool = True) -> dict[str, Any]:
    """One answer as plain cells: actors by name (plus ``<field>_id`` when ``ids``), date
    ranges as ``start/end``, tuples joined with ``; ``, dicts as JSON."""
    record: dict[str, Any] = {}
    for name in type(row).model_fields:
        value = getattr(row, name)
        record[name] = _cell(value)
        if ids and isinstance(value, Actor):
            record[f"{name}_id"] = value.id
        elif ids and isinstance(value, tuple) and value and isinstance(value[0], Actor):
            record[f"{name}_ids"] = "; ".join(a.id for a in value)
    return record


def _columns(records: Iterable[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    return list(columns)


def _text(value: Any, width: int | None = None) -> str:
    text = "" if value is None else str(value)
    text = re.sub(r"\s+", " ", text)
    if width is not None and len(text) > width:
        return text[: width - 1] + "…"
    return text


def format_rows(rows: Sequence[BaseModel], *, width: int = 60, limit: int | None = None) -> str:
    """Answers as a plain aligned text table (cells cut at ``width`` characters).

    Examples:
        >>> print(format_rows([Neighbour(id="person:to-lam", name="Tô Lâm", kind="person",
        ...                              country="VN", distance=1)]))
        id             name    kind    country  distance
        ------------------------------------------------
        person:to-lam  Tô Lâm  person  VN       1
        >>> format_rows([])
        '(no answer)'
    """
    if not rows:
        return "(no answer)"
    shown = rows if limit is None else rows[:limit]
    records = [flatten(row, ids=False) for row in shown]
    columns = _columns(records)
    cells = [[_text(r.get(c), width) for c in columns] for r in records]
    lines = [text_table(columns, cells)]
    if len(shown) < len(rows):
        lines.append(f"… {len(rows) - len(shown)} more")
    return "\n".join(line.rstrip() for line in lines)
