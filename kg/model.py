"""Typed records passed between the stages of the pipeline.

Every record is a frozen pydantic model with ``extra="forbid"``: a stage cannot add a field by
accident, and a typo in a field name fails loudly.  Offsets (``start``/``end``/``span``) are
always Python ``str`` indices into the *original* decoded file, never into repaired text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kg.facttypes import FACT_TYPES, spec

#: a fact type token, one of :data:`kg.facttypes.FACT_TYPES` (checked by :class:`Fact`)
FactType = str
EntityKind = Literal["person", "country", "organization", "place"]
PartKind = Literal["headline", "lede", "caption", "credit", "dateline", "body", "link"]


class Record(BaseModel):
    """Base of every record: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class DateRange(Record):
    """A range of dates; each end is ``YYYY-MM-DD``, ``--MM-DD`` or ``YYYY-MM``."""

    start: str
    end: str


DateValue = str | DateRange


class Repair(Record):
    """One repair of scraping damage, at ``start``..``end`` of the original file."""

    kind: Literal["glued_word", "drop_cap", "typography", "marker", "whitespace"]
    start: int
    end: int
    original: str
    repaired: str


class Part(Record):
    """A region of a document: headline, lede, caption, credit, dateline, body paragraph, link."""

    kind: PartKind
    text: str
    start: int
    end: int


class Sentence(Record):
    """One sentence of a document, as repaired text plus its place in the original file.

    ``alignment`` holds ``(repaired_offset, original_offset)`` anchors, sorted, starting with
    ``(0, start)``: a character at repaired offset ``i`` lies at
    ``original_offset + (i - repaired_offset)`` of the last anchor at or before ``i``.
    """

    doc_id: str
    index: int
    part: PartKind
    text: str
    start: int
    end: int
    alignment: tuple[tuple[int, int], ...] = ()

    def to_original(self, i: int) -> int:
        """Map an offset in ``text`` to an offset in the original file."""
        base_r, base_o = 0, self.start
        for r, o in self.alignment:
            if r > i:
                break
            base_r, base_o = r, o
        return min(base_o + (i - base_r), self.end)


class Dateline(Record):
    """``Hanoï, 3 novembre (VNA) -``: place, date as written (partial), agency."""

    place: str | None
    date: str | None
    agency: str
    start: int
    end: int


class Document(Record):
    """One article of a page: the main article or one teaser after "Voir plus".

    ``id`` is derived from the document's content, so a teaser repeated on several pages is
    the same document.
    """

    id: str
    article: str
    section: str
    headline: str | None
    dateline: Dateline | None = None
    parts: tuple[Part, ...]
    sentences: tuple[Sentence, ...]
    repairs: tuple[Repair, ...] = ()


class Page(Record):
    """A file read from disk: its decoded text and the documents found in it."""

    path: str
    article: str
    text: str
    encoding: str
    documents: tuple[Document, ...]
    warnings: tuple[str, ...] = ()


class Actor(Record):
    """A party to a fact, as the facts table writes it."""

    id: str
    name: str
    kind: EntityKind
    country: str | None = None


class Evidence(Record):
    """Where a fact was read: document, sentence, span in the original file."""

    article: str
    doc: str
    section: str
    sentence: str
    span: tuple[int, int]


class Fact(Record):
    """One bilateral fact with its evidence, the rule that produced it and a confidence.

    ``roles`` maps a role (``host``, ``guest``, ``participants``, …; see
    ``kg/patterns/fact_types.jsonl``) to its actors, always a tuple: a single actor given
    alone is wrapped.
    """

    type: FactType
    roles: dict[str, tuple[Actor, ...]]
    date: DateValue | None = None
    date_inferred: str | None = None
    place: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    evidence: Evidence
    also: tuple[Evidence, ...] = ()
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)
    id: str = ""

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in FACT_TYPES:
            raise ValueError(f"unknown fact type {value!r}: one of {', '.join(FACT_TYPES)}")
        return value

    @field_validator("roles", mode="before")
    @classmethod
    def _roles_as_tuples(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: v if isinstance(v, list | tuple) else (v,) for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _roles_as_declared(self) -> Fact:
        shape = spec(self.type)
        declared = {r.key: r.count for r in shape.roles}
        for role, actors in self.roles.items():
            if role not in declared:
                raise ValueError(f"a {self.type} has no role {role!r}: {', '.join(declared)}")
            if declared[role] == "one" and len(actors) != 1:
                raise ValueError(f"the {role} of a {self.type} is one actor, got {len(actors)}")
        return self

    def actors(self, role: str | None = None) -> tuple[Actor, ...]:
        """The actors in ``role``, or of every role in role order when ``role`` is None."""
        if role is not None:
            return self.roles.get(role, ())
        return tuple(a for actors in self.roles.values() for a in actors)


def make_fact_id(parts: Iterable[str]) -> str:
    """The id of a fact from what identifies it: ``fact:`` and 16 hex digits of the SHA-256 of
    the parts joined by ``|`` (extraction, event merging and the RDF export all use it).

    Examples:
        >>> make_fact_id(["reception", "person:a", "person:b"])
        'fact:bf691f1ca8b09899'
    """
    return "fact:" + hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


class Post(Record):
    """A position held by a person, with the first and last date it is seen."""

    role: str
    title: str
    organization: str | None = None
    country: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


class Entity(Record):
    """One real-world entity after resolution: a person, country, organisation or place."""

    id: str
    kind: EntityKind
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    posts: tuple[Post, ...] = ()
    wikidata: str | None = None
    merged_because: tuple[str, ...] = ()


class GraphData(Record):
    """What a build produces: entities and facts, the input of graph, RDF and HTML stages."""

    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    documents: tuple[Document, ...] = ()
