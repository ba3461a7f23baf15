"""The build: pages -> documents -> facts -> entities -> graph -> exports.

This module only wires the stages (:mod:`kg.extract.page` reads and extracts one page,
:mod:`kg.resolve.stage` resolves the build, :mod:`kg.tables.exports` writes it), the cache
and the worker processes.  Per-page extraction results
are cached by the content hash of the file (see :mod:`kg.cache`), so a warm rebuild analyses
nothing that has not changed.  Exports are written atomically: an interrupted build leaves the
previous exports in place.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kg.atomic import write_bytes, write_text
from kg.cache import (
    BUILD_STAMP,
    BuildSnapshot,
    Cache,
    extractor_version,
    load_snapshot,
    snapshot_path,
)
from kg.errors import KgError, ReadError
from kg.extract.page import PageExtraction, extract_page
from kg.model import GraphData
from kg.resolve.stage import Resolution
from kg.tables.exports import write_exports

log = logging.getLogger(__name__)

PAGE_SUFFIXES = (".txt", ".html", ".htm")


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
    snapshot = None
    if use_cache:
        root = Path(cache_dir) if cache_dir is not None else default_cache_dir(out_dir)
        cache = Cache(root, version=extractor_version())
        snapshot, digest = snapshot_path(cache, paths, out_dir, html)
        previous = load_snapshot(snapshot, out_dir, digest, html=html)
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
    if snapshot is not None:
        result = BuildSnapshot(
            data=data,
            pages=report.pages,
            documents=report.documents,
            skipped=tuple(report.skipped),
        )
        write_bytes(snapshot, result.model_dump_json().encode("utf-8"))
        if out_dir is not None:
            write_text(out_dir / BUILD_STAMP, snapshot.stem + "\n")
    report.seconds = time.perf_counter() - started
    return BuildResult(data=data, report=report)
