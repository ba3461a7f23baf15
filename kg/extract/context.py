"""What the fact rules share: the mentions of a whole document, its country pair, coreference.

A document is analysed once (:func:`analyse_document`); the rules then read the
:class:`DocContext`.  Title-only descriptions ("le chef de la diplomatie chinoise", "le
ministre vietnamien") resolve to the person of the same document whose role and country agree,
the closest one before first; "les deux pays" resolves to the pair the sentence names, else the
pair of the document (its headline first).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from kg.dates import DateHit, find_dates, nearest_date
from kg.extract.entities import PersonHit, SentenceMentions, analyse
from kg.lexicon import lexicon
from kg.model import Actor, DateValue, Document, Evidence, Fact, FactType, make_fact_id
from kg.nlp import person_spans
from kg.textutil import fold, fold_name, slug

_PLACE = re.compile(r"\b(?:a|au siege de [^,]{0,40} a)\s+$")


@dataclass(frozen=True)
class Arg:
    """A person argument of a fact: a named person or a resolved description."""

    name: str
    country: str | None
    start: int
    end: int
    title: str | None = None
    role: str | None = None


@dataclass
class DocContext:
    document: Document
    sentences: list[SentenceMentions]
    pair: tuple[str, str] | None
    persons: list[tuple[int, PersonHit]] = field(default_factory=list)

    def person_country(self, name: str) -> str | None:
        key = fold_name(name)
        for _, p in self.persons:
            if fold_name(p.name) == key and p.country:
                return p.country
        return None

    def args(self, index: int, start: int, end: int) -> list[Arg]:
        """Persons and resolved descriptions of sentence ``index`` within ``start..end``."""
        sm = self.sentences[index]
        out = [
            Arg(p.name, p.country or self.person_country(p.name), p.start, p.end, p.title, p.role)
            for p in sm.persons
            if start <= p.start and p.end <= end
        ]
        for d in sm.descriptions:
            if start <= d.start and d.end <= end + 40 and d.start < end:
                person = self.resolve(index, d.role, d.country, d.title)
                if person is not None:
                    out.append(
                        Arg(person.name, person.country, d.start, d.start + 1, d.title, d.role)
                    )
        return sorted(out, key=lambda a: a.start)

    def resolve(self, index: int, role: str, country: str | None, title: str) -> PersonHit | None:
        """The person a title-only description stands for, or None when unclear."""
        head = fold(title).split(" ")[0]

        def fits(p: PersonHit) -> bool:
            if country and p.country and country != p.country:
                return False
            same_role = p.role == role and role not in ("leader", "official", "counterpart")
            return same_role or bool(p.title and head in fold(p.title))

        before = [p for i, p in self.persons if i < index and fits(p)]
        if before:
            return before[-1]
        after = [p for i, p in self.persons if i >= index and fits(p)]
        return after[0] if after else None

    def pair_for(self, index: int) -> tuple[str, str] | None:
        """The two countries "les deux pays" stands for in sentence ``index``."""
        isos = _distinct(self.sentences[index])
        if len(isos) >= 2:
            return isos[0], isos[1]
        return self.pair


def _distinct(sm: SentenceMentions) -> list[str]:
    seen: list[str] = []
    for hit in sm.countries:
        if hit.kind != "capital" and hit.iso2 not in seen:
            seen.append(hit.iso2)
    return seen


def has_trigger(text: str) -> bool:
    """Whether a sentence can hold a fact about persons (a cheap scan before spaCy)."""
    folded = fold(text)
    triggers = lexicon().triggers
    return any(
        pattern.search(folded)
        for kind in ("reception", "visit", "meeting")
        for _, pattern in triggers.get(kind, ())
    )


def _ner_spans(
    document: Document, first_pass: list[SentenceMentions]
) -> list[list[tuple[int, int]]]:
    spans: list[list[tuple[int, int]]] = [[] for _ in document.sentences]
    if not use_ner():
        return spans
    wanted = [
        i
        for i, sent in enumerate(document.sentences)
        if first_pass[i].unvouched and has_trigger(sent.text)
    ]
    for i, found in zip(
        wanted, person_spans([document.sentences[i].text for i in wanted]), strict=True
    ):
        spans[i] = found
    return spans


def use_ner() -> bool:
    """spaCy's person entities are on unless ``KG_NO_NER=1`` (rule tests run without a model)."""
    return os.environ.get("KG_NO_NER", "") not in ("1", "true", "yes")


def analyse_document(document: Document) -> DocContext:
    """Analyse every sentence of ``document`` and find its country pair."""
    known: dict[str, str | None] = {}
    sentences = [analyse(sent, known) for sent in document.sentences]
    # spaCy only reads trigger sentences that hold a name nothing else vouched for; the second
    # pass also gives earlier sentences the persons a later title made known.
    ner = _ner_spans(document, sentences)
    sentences = [analyse(sent, known, ner[i]) for i, sent in enumerate(document.sentences)]
    pair: tuple[str, str] | None = None
    seen: list[str] = []
    order = sorted(range(len(sentences)), key=lambda i: document.sentences[i].part != "headline")
    for i in order:
        for iso in _distinct(sentences[i]):
            if iso not in seen:
                seen.append(iso)
        if len(seen) >= 2:
            break
    if len(seen) >= 2:
        pair = (seen[0], seen[1])
    elif len(seen) == 1 and seen[0] != "VN":
        pair = ("VN", seen[0])
    ctx = DocContext(document=document, sentences=sentences, pair=pair)
    ctx.persons = [(i, p) for i, sm in enumerate(sentences) for p in sm.persons]
    return ctx


def country_actor(iso2: str) -> Actor:
    lex = lexicon()
    return Actor(
        id=f"country:{iso2}", name=lex.country_display.get(iso2, iso2), kind="country", country=iso2
    )


def city_actor(city: str, country: str) -> Actor:
    return Actor(id=f"place:{slug(city)}", name=city, kind="place", country=country)


def person_actor(arg: Arg) -> Actor:
    return Actor(id=f"person:{slug(arg.name)}", name=arg.name, kind="person", country=arg.country)


def place_of(sm: SentenceMentions) -> str | None:
    """The city where the sentence says something happened ("à Hanoï")."""
    for city in sm.cities:
        if _PLACE.search(sm.folded[max(0, city.start - 60) : city.start]):
            return city.text
    return None


def date_near(sm: SentenceMentions, position: int) -> tuple[DateValue | None, str | None]:
    """The date value closest to ``position`` and, for a bare weekday, its text."""
    hit: DateHit | None = nearest_date(sm.text, position)
    if hit is None:
        return None, None
    return hit.value, (hit.weekday if hit.value is None else None)


def make_fact(
    ctx: DocContext,
    index: int,
    *,
    type: FactType,
    roles: dict[str, Actor | tuple[Actor, ...]],
    rule: str,
    confidence: float,
    date: DateValue | None = None,
    place: str | None = None,
    attributes: dict[str, Any] | None = None,
) -> Fact:
    """A fact read in sentence ``index`` of the document, with its evidence."""
    sent = ctx.document.sentences[index]
    attributes = dict(attributes or {})
    if isinstance(date, str):
        for hit in find_dates(sent.text):
            if hit.value == date and hit.weekday:
                attributes["weekday"] = f"{hit.weekday} {date}"
    evidence = Evidence(
        article=ctx.document.article,
        doc=ctx.document.id,
        section=ctx.document.section,
        sentence=sent.text,
        span=(sent.start, sent.end),
    )
    return Fact(
        type=type,
        roles=roles,
        date=date,
        place=place,
        attributes={k: v for k, v in attributes.items() if v is not None},
        evidence=evidence,
        rule=rule,
        confidence=confidence,
        id=fact_id(type, roles, ctx.document.id, index, rule),
    )


def fact_id(
    type: str, roles: dict[str, Actor | tuple[Actor, ...]], doc: str, index: int, rule: str
) -> str:
    parts = [type, doc, str(index), rule]
    for role, value in sorted(roles.items()):
        actors = value if isinstance(value, tuple) else (value,)
        parts.append(role + "=" + ",".join(a.id for a in actors))
    return make_fact_id(parts)
