"""The resolution stage of a build: every page's mentions into entities, every report into
events, years inferred; holding little while pages stream in."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence

from pydantic import TypeAdapter

from kg.extract.page import OrgRecord, PageExtraction
from kg.model import Actor, Entity, Fact, GraphData
from kg.resolve.chronology import infer_years
from kg.resolve.entities import (
    FactMerger,
    PersonMention,
    PersonResolver,
    country_entity,
    order_facts,
    rename_actors,
)
from kg.textutil import slug

_FACTS: TypeAdapter[tuple[Fact, ...]] = TypeAdapter(tuple[Fact, ...])


class Resolution:
    """Resolves a build page by page, holding little: mentions join the resolver as pages
    arrive; facts wait, compressed, until every mention is known (a fact's actors can only be
    resolved then), and are then merged into events one at a time.

    Examples:
        >>> resolution = Resolution()
        >>> resolution.finish().facts
        ()
    """

    def __init__(self) -> None:
        self.resolver = PersonResolver()
        self.orgs: dict[str, OrgRecord] = {}
        self.doc_dates: dict[str, str] = {}
        #: (document, name, country) -> the titles it gives that person: they choose the terms
        #: of office that date its facts (kg.resolve.chronology)
        self.titles: dict[tuple[str, str, str | None], set[str]] = {}
        self.documents: set[str] = set()
        self.warnings: list[str] = []
        self.pages = 0
        self._facts: list[bytes] = []

    def add(self, extraction: PageExtraction) -> None:
        """Add one page's extraction (pages in build order)."""
        for person in extraction.persons:
            self.resolver.add(
                PersonMention(person.name, person.country, person.title, person.role, person.date)
            )
            if person.title:
                key = (person.doc, person.name, person.country)
                self.titles.setdefault(key, set()).add(person.title)
        for org in extraction.orgs:
            self.orgs.setdefault(org.acronym, org)
        self.doc_dates.update(extraction.doc_dates)
        self.documents.update(extraction.documents)
        self.warnings.extend(extraction.warnings)
        self.pages += 1
        if extraction.facts:
            self._facts.append(zlib.compress(_FACTS.dump_json(extraction.facts), 1))

    def _facts_in_order(self) -> Iterator[Fact]:
        for blob in self._facts:
            yield from _FACTS.validate_json(zlib.decompress(blob))

    def finish(self) -> GraphData:
        """The entities and the merged facts of every page added."""
        resolver = self.resolver
        people = {e.id: e for e in resolver.entities()}
        merger = FactMerger()
        for fact in self._facts_in_order():
            mapping: dict[str, Actor] = {}
            for actor in fact.actors():
                if actor.kind == "person":
                    found = resolver.lookup(actor.name, actor.country)
                    if found:
                        mapping[actor.id] = actor.model_copy(update={"id": found})
            fact = rename_actors(fact, mapping)
            merger.add(rename_actors(fact, _canonical_actors(fact, people)))
        titles: dict[tuple[str, str], set[str]] = {}
        for (doc, name, country), written in self.titles.items():
            if found := resolver.lookup(name, country):
                titles.setdefault((doc, found), set()).update(written)
        merged = order_facts(infer_years(merger.merged(), self.doc_dates, titles))
        return GraphData(entities=_entities(people, merged, self.orgs), facts=tuple(merged))


def _entities(
    people: dict[str, Entity], merged: Sequence[Fact], orgs: dict[str, OrgRecord]
) -> tuple[Entity, ...]:
    """Persons, the countries and organisations they and the facts name, sorted by id."""
    entities: dict[str, Entity] = dict(people)
    countries = {a.country for f in merged for a in f.actors() if a.kind == "country" and a.country}
    countries |= {e.country for e in people.values() if e.country and len(e.country) == 2}
    for iso in countries:
        entities[f"country:{iso}"] = country_entity(iso)
    for fact in merged:
        for actor in fact.actors():
            if actor.id not in entities:
                entities[actor.id] = Entity(
                    id=actor.id, kind=actor.kind, name=actor.name, country=actor.country
                )
    for org in orgs.values():
        oid = f"org:{slug(org.acronym)}"
        entities.setdefault(
            oid,
            Entity(
                id=oid,
                kind="organization",
                name=org.name,
                aliases=(org.acronym,) if org.acronym != org.name else (),
                country=None if org.country in ("ORG", "") else org.country,
            ),
        )
    for entity in people.values():
        if entity.country and entity.country.startswith("ORG:"):
            oid = f"org:{slug(entity.country[4:])}"
            entities.setdefault(oid, Entity(id=oid, kind="organization", name=entity.country[4:]))
    return tuple(sorted(entities.values(), key=lambda e: e.id))


def resolve_build(extractions: Iterable[PageExtraction]) -> GraphData:
    """Resolve the mentions of all pages into entities and merge the facts into events."""
    resolution = Resolution()
    for extraction in extractions:
        resolution.add(extraction)
    return resolution.finish()


def _canonical_actors(fact: Fact, people: dict[str, Entity]) -> dict[str, Actor]:
    mapping = {}
    for actor in fact.actors():
        entity = people.get(actor.id)
        if entity is not None:
            mapping[actor.id] = actor.model_copy(
                update={"name": entity.name, "country": entity.country}
            )
    return mapping


def page_facts(extraction: PageExtraction) -> list[Fact]:
    """The facts read on one page, each event once (what ``kg extract`` lists)."""
    return list(resolve_build([extraction]).facts)  # merged and ordered by the resolution
