"""The build: pages -> documents -> facts -> entities -> graph -> exports.

Each stage is a function of its own; :func:`build` only wires them.  Per-page extraction results
are cached by the content hash of the file (see :mod:`kg.cache`), so a warm rebuild analyses
nothing that has not changed.  Exports are written atomically: an interrupted build leaves the
previous exports in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import Field, TypeAdapter, ValidationError

from kg import __version__
from kg.atomic import write_bytes, write_text
from kg.cache import Cache
from kg.chronology import infer_years, page_date
from kg.dates import find_dates
from kg.errors import KgError, ReadError
from kg.extract import extract_document
from kg.extract.context import DocContext, slug
from kg.lexicon import lexicon
from kg.model import Actor, Entity, Fact, GraphData, Record
from kg.reader import read_page
from kg.resolve import (
    FactMerger,
    PersonMention,
    PersonResolver,
    country_entity,
    order_facts,
    rename_actors,
)

log = logging.getLogger(__name__)

PAGE_SUFFIXES = (".txt", ".html", ".htm")


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
    #: per document, the page's own date when it has one with a year (kg.chronology.page_date)
    doc_dates: dict[str, str] = Field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass
class BuildReport:
    """What a build read, skipped and produced."""

    documents: int = 0
    pages: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    facts: Counter[str] = field(default_factory=Counter)
    cached: int = 0
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    data: GraphData
    report: BuildReport


def extractor_version() -> str:
    """A hash of the package version and every pattern file: a change invalidates the cache."""
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("kg.patterns")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        # The generator's and the API's tables do not change what extraction reads.
        if entry.is_file() and not entry.name.startswith(("synth_", "api_", "README")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    for module in ("reader.py", "repair.py", "dates.py", "resolve.py", "chronology.py"):
        digest.update(resources.files("kg").joinpath(module).read_bytes())
    for entry in sorted(resources.files("kg.extract").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def find_pages(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every page file under the given files and folders, sorted for a deterministic build."""
    pages: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            pages.extend(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
            )
        elif path.exists():
            pages.append(path)
        else:
            raise KgError(f"{path}: no such file or folder")
    return sorted(set(pages))


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
        in_facts = {a.name for f in doc_facts for a in _actors(f) if a.kind == "person"}
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


def _extract_or_error(path: str) -> PageExtraction | str:
    try:
        return extract_page(path)
    except ReadError as e:
        return str(e)


def extract_pages(
    paths: Sequence[Path],
    *,
    cache: Cache | None = None,
    workers: int = 1,
    report: BuildReport | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[PageExtraction]:
    """Extract every page, from the cache where the file is unchanged, yielding the results in
    the order of ``paths`` as they come (nothing is held for the whole batch); bad pages are
    skipped with their reason in ``report.skipped``."""
    report = report if report is not None else BuildReport()
    keys: list[tuple[Path, str | None, bool]] = []
    for path in paths:
        key = None
        if cache is not None:
            try:
                key = cache.key(path.read_bytes())
            except OSError as e:
                report.skipped.append((str(path), f"{path}: cannot read ({e})"))
                continue
        keys.append((path, key, key is not None and cache is not None and key in cache))
    todo = [str(path) for path, _, hit in keys if not hit]
    with contextlib.ExitStack() as stack:
        if workers > 1 and len(todo) > 1:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
            fresh: Iterator[PageExtraction | str] = pool.map(_extract_or_error, todo, chunksize=8)
        else:
            fresh = map(_extract_or_error, todo)
        done = 0
        for path, key, hit in keys:
            outcome: PageExtraction | str | None = None
            store = not hit
            if hit and cache is not None and key is not None:
                outcome = _cached(cache, key)
                if outcome is not None:
                    report.cached += 1
                else:  # damaged since it was listed: analysed again, here
                    outcome, store = _extract_or_error(str(path)), True
            if outcome is None:
                outcome = next(fresh)
                done += 1
                if progress:
                    progress(done, len(todo))
            if isinstance(outcome, str):
                report.skipped.append((str(path), outcome))
                continue
            if cache is not None and key is not None and store:
                cache.put(key, outcome.model_dump_json().encode("utf-8"))
            yield outcome


def _cached(cache: Cache, key: str) -> PageExtraction | None:
    blob = cache.get(key)
    if blob is None:
        return None
    try:
        return PageExtraction.model_validate_json(blob)
    except ValidationError:
        cache.discard(key)
        return None


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
        #: of office that date its facts (kg.chronology)
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
            for actor in _actors(fact):
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
    countries = {a.country for f in merged for a in _actors(f) if a.kind == "country" and a.country}
    countries |= {e.country for e in people.values() if e.country and len(e.country) == 2}
    for iso in countries:
        entities[f"country:{iso}"] = country_entity(iso)
    for fact in merged:
        for actor in _actors(fact):
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


_FACTS: TypeAdapter[tuple[Fact, ...]] = TypeAdapter(tuple[Fact, ...])


def resolve_build(extractions: Iterable[PageExtraction]) -> GraphData:
    """Resolve the mentions of all pages into entities and merge the facts into events."""
    resolution = Resolution()
    for extraction in extractions:
        resolution.add(extraction)
    return resolution.finish()


def _actors(fact: Fact) -> Iterator[Actor]:
    for value in fact.roles.values():
        yield from value if isinstance(value, tuple) else (value,)


def _canonical_actors(fact: Fact, people: dict[str, Entity]) -> dict[str, Actor]:
    mapping = {}
    for actor in _actors(fact):
        entity = people.get(actor.id)
        if entity is not None:
            mapping[actor.id] = actor.model_copy(
                update={"name": entity.name, "country": entity.country}
            )
    return mapping


# ---------------------------------------------------------------- facts table


def actor_record(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country}


def fact_record(fact: Fact, *, with_also: bool = True) -> dict[str, Any]:
    """One row of the facts table (the contract of ``exports/facts.jsonl``)."""
    roles: dict[str, Any] = {}
    for role, value in fact.roles.items():
        roles[role] = (
            [actor_record(a) for a in value] if isinstance(value, tuple) else actor_record(value)
        )
    date: Any = (
        fact.date if isinstance(fact.date, str) or fact.date is None else fact.date.model_dump()
    )
    record: dict[str, Any] = {
        "id": fact.id,
        "article": Path(fact.evidence.article).stem,
        "doc": fact.evidence.doc,
        "type": fact.type,
        "roles": roles,
        "date": date,
        "place": fact.place,
        "attributes": dict(sorted(fact.attributes.items())),
        "evidence": fact.evidence.sentence,
        "span": list(fact.evidence.span),
        "rule": fact.rule,
        "confidence": fact.confidence,
    }
    if fact.date_inferred:
        record["date_inferred"] = fact.date_inferred
    if with_also:
        record["also"] = [
            {
                "article": Path(e.article).stem,
                "doc": e.doc,
                "evidence": e.sentence,
                "span": list(e.span),
            }
            for e in fact.also
        ]
    return record


def facts_jsonl(facts: Iterable[Fact], *, with_also: bool = True) -> str:
    return "".join(
        json.dumps(fact_record(f, with_also=with_also), ensure_ascii=False, sort_keys=False) + "\n"
        for f in facts
    )


def page_facts(extraction: PageExtraction) -> list[Fact]:
    """The facts read on one page, each event once (what ``kg extract`` lists)."""
    return list(resolve_build([extraction]).facts)  # merged and ordered by the resolution


# ---------------------------------------------------------------- build


def default_cache_dir(out: Path | None) -> Path:
    return (out or Path("exports")) / ".kg-cache"


def build(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    html: bool = True,
) -> BuildResult:
    """Build the graph of every page under ``inputs``; write the exports to ``out`` if given.

    Raises :class:`KgError` when no page at all could be read.
    """
    started = time.perf_counter()
    report = BuildReport()
    paths = find_pages(inputs)
    out_dir = Path(out) if out is not None else None
    cache = None
    snapshot_path = None
    if use_cache:
        root = Path(cache_dir) if cache_dir is not None else default_cache_dir(out_dir)
        cache = Cache(root, version=extractor_version())
        snapshot_path, digest = _snapshot_path(cache, paths, out_dir, html)
        previous = _load_snapshot(snapshot_path, out_dir, digest, html=html)
        if previous is not None:
            # Nothing changed since the last build of these pages into this folder: its
            # graph is reused and its exports are already in place.
            report.pages, report.documents = previous.pages, previous.documents
            report.skipped = [(p, r) for p, r in previous.skipped]
            report.cached = previous.pages
            report.entities = Counter(e.kind for e in previous.data.entities)
            report.facts = Counter(f.type for f in previous.data.facts)
            report.seconds = time.perf_counter() - started
            return BuildResult(data=previous.data, report=report)
    resolution = Resolution()
    for extraction in extract_pages(
        paths, cache=cache, workers=workers, report=report, progress=progress
    ):
        resolution.add(extraction)
    if paths and not resolution.pages:
        reasons = "; ".join(reason for _, reason in report.skipped[:5])
        raise KgError(f"no page could be read ({reasons})")
    data = resolution.finish()
    report.pages = resolution.pages
    report.documents = len(resolution.documents)
    report.warnings = resolution.warnings
    del resolution
    report.entities = Counter(e.kind for e in data.entities)
    report.facts = Counter(f.type for f in data.facts)
    if out_dir is not None:
        report.written = write_exports(data, out_dir, html=html)
    if snapshot_path is not None:
        snapshot = BuildSnapshot(
            data=data,
            pages=report.pages,
            documents=report.documents,
            skipped=tuple(report.skipped),
        )
        write_bytes(snapshot_path, snapshot.model_dump_json().encode("utf-8"))
        if out_dir is not None:
            write_text(out_dir / BUILD_STAMP, snapshot_path.stem + "\n")
    report.seconds = time.perf_counter() - started
    return BuildResult(data=data, report=report)


BUILD_STAMP = ".kg-build"


class BuildSnapshot(Record):
    """The result of a build, kept in the cache to answer an identical rebuild at once."""

    data: GraphData
    pages: int
    documents: int
    skipped: tuple[tuple[str, str], ...] = ()


def _snapshot_path(
    cache: Cache, paths: Sequence[Path], out: Path | None, html: bool
) -> tuple[Path, str]:
    digest = hashlib.sha256(f"{html}|{out}".encode())
    for path in paths:
        try:
            digest.update(f"{path}\0{cache.key(path.read_bytes())}\0".encode())
        except OSError:
            digest.update(f"{path}\0unreadable\0".encode())
    name = "build-" + digest.hexdigest()[:24]
    return cache.dir / f"{name}.json", name


def _load_snapshot(path: Path, out: Path | None, name: str, *, html: bool) -> BuildSnapshot | None:
    if out is not None:
        stamp = out / BUILD_STAMP
        if not stamp.exists() or stamp.read_text(encoding="utf-8").strip() != name:
            return None
        if not all(
            (out / f).exists() for f in ("facts.jsonl", "graph.ttl", "graph.nt", "graph.jsonld")
        ):
            return None
    try:
        return BuildSnapshot.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return None


def write_exports(data: GraphData, out: Path, *, html: bool = True) -> list[str]:
    """Write facts.jsonl, graph.ttl, graph.nt, graph.jsonld and graph.html, each atomically."""
    from kg import rdf

    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".graph.*.tmp"):
        # left by a build killed mid-write: a half-written file or a folder of sorted runs
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    for stale in out.glob(".facts.jsonl.*.tmp"):
        stale.unlink(missing_ok=True)
    written = []
    write_text(out / "facts.jsonl", facts_jsonl(data.facts))
    written.append(str(out / "facts.jsonl"))
    written.extend(str(path) for path in rdf.write(data, out).values())
    if html:
        from kg.render import render_html

        written.append(
            str(render_html(data, out / "graph.html", title="Diplomatic knowledge graph"))
        )
    return written
