"""One page through reading and extraction: its facts (with provisional actors) and the
mentions of persons and organisations the resolver needs, as one cacheable record."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pydantic import Field

from kg.dates import find_dates
from kg.extract import extract_document
from kg.extract.context import DocContext
from kg.lexicon import lexicon
from kg.model import Fact, Record
from kg.read.reader import read_page
from kg.resolve.chronology import page_date


class PersonRecord(Record):
    """A person as one document names them (input of the resolver)."""

    name: str
    country: str | None
    title: str | None
    role: str | None
    doc: str
    date: str | None = None


class OrgRecord(Record):
    acronym: str
    name: str
    country: str | None


class PageExtraction(Record):
    """What extraction reads on one page: facts (with provisional actors) and mentions."""

    path: str
    article: str
    documents: tuple[str, ...]
    sections: tuple[str, ...]
    facts: tuple[Fact, ...]
    persons: tuple[PersonRecord, ...]
    orgs: tuple[OrgRecord, ...]
    #: per document, the page's own date when it has one with a year (kg.resolve.chronology)
    doc_dates: dict[str, str] = Field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def _doc_date(ctx: DocContext, facts: Sequence[Fact]) -> str | None:
    if ctx.document.dateline and ctx.document.dateline.date:
        for hit in find_dates(ctx.document.dateline.date):
            if isinstance(hit.value, str):
                return hit.value
    for fact in facts:
        if isinstance(fact.date, str):
            return fact.date
    return None


def extract_page(path: str | os.PathLike[str]) -> PageExtraction:
    """Read one page and extract its facts and mentions (raises :class:`ReadError`)."""
    page = read_page(Path(path))
    facts: list[Fact] = []
    persons: list[PersonRecord] = []
    orgs: dict[str, OrgRecord] = {}
    doc_dates: dict[str, str] = {}
    for document in page.documents:
        ctx, doc_facts = extract_document(document)
        # The evidence is quoted from the file as it is (glued words and all), so that
        # text[span[0]:span[1]] == evidence; the repaired text is what the rules read.
        doc_facts = [_quote_original(f, page.text) for f in doc_facts]
        if own := page_date(document):
            doc_dates[document.id] = own
        facts.extend(doc_facts)
        date = _doc_date(ctx, doc_facts)
        in_facts = {a.name for f in doc_facts for a in f.actors() if a.kind == "person"}
        for sm in ctx.sentences:
            for person in sm.persons:
                if person.cue == "ner" and person.name not in in_facts:
                    # A name only spaCy vouches for ("Al Jazaïralyoum couvre ...") counts as a
                    # person only when a fact rule also found it in a person's slot.
                    continue
                persons.append(
                    PersonRecord(
                        name=person.name,
                        country=person.country,
                        title=person.title,
                        role=person.role,
                        doc=document.id,
                        date=date,
                    )
                )
            for org in sm.orgs:
                orgs.setdefault(
                    org.acronym,
                    OrgRecord(
                        acronym=org.acronym,
                        name=lexicon().organizations[org.acronym].name,
                        country=org.country,
                    ),
                )
    return PageExtraction(
        path=str(path),
        article=page.article,
        documents=tuple(d.id for d in page.documents),
        sections=tuple(d.section for d in page.documents),
        facts=tuple(facts),
        persons=tuple(persons),
        orgs=tuple(orgs.values()),
        doc_dates=doc_dates,
        warnings=page.warnings,
    )


def _quote_original(fact: Fact, text: str) -> Fact:
    start, end = fact.evidence.span
    evidence = fact.evidence.model_copy(update={"sentence": text[start:end]})
    return fact.model_copy(update={"evidence": evidence})
