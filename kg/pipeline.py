"""The build: pages -> documents -> facts -> entities -> graph -> exports.

This module only wires the stages (:mod:`kg.extract.page` reads and extracts one page,
:mod:`kg.resolve.stage` resolves the build, :mod:`kg.tables.exports` writes it), the cache
and the worker processes.  Per-page extraction results
are cached by the content hash of the file (see :mod:`kg.cache`), so a warm rebuild analyses
nothing that has not changed.  Exports are replaced as a set, their stamp last (see
:mod:`kg.tables.exports`): a build killed or out of disk space leaves the previous exports in
place, or a folder no later build trusts.  A build holds the lock of its export folder, so two
builds never write one folder at once.
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

from kg.atomic import folder_lock
from kg.cache import (
    BuildSnapshot,
    Cache,
    CacheError,
    extractor_version,
    load_snapshot,
    snapshot_path,
    write_snapshot,
)
from kg.errors import KgError, ReadError, TooLargeError
from kg.extract.page import PageExtraction, extract_page
from kg.model import GraphData
from kg.read.reader import MAX_PAGE_BYTES, open_page
from kg.resolve.stage import Resolution
from kg.tables.exports import ready_folder, remove_leftovers, write_exports

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


def page_key(cache: Cache, path: Path) -> str:
    """The cache key of the page file ``path``: its type and size are checked first (only a
    regular file within :data:`~kg.read.reader.MAX_PAGE_BYTES` is read), then its bytes are
    hashed in blocks.  Raises :class:`ReadError` naming the file."""
    with open_page(path, max_bytes=MAX_PAGE_BYTES) as handle:
        try:
            return cache.key_of_stream(handle, limit=MAX_PAGE_BYTES)
        except ValueError as e:  # it grew since it was checked
            raise TooLargeError(f"{path}: over the limit of {MAX_PAGE_BYTES} bytes") from e
        except OSError as e:
            raise ReadError(f"{path}: cannot read ({e.strerror or e})") from e


def page_keys(cache: Cache, paths: Sequence[Path]) -> list[tuple[Path, str | ReadError]]:
    """:func:`page_key` of each path, or the :class:`ReadError` that refused it."""
    keys: list[tuple[Path, str | ReadError]] = []
    for path in paths:
        try:
            keys.append((path, page_key(cache, path)))
        except ReadError as e:
            keys.append((path, e))
    return keys


def extract_pages(
    paths: Sequence[Path],
    *,
    cache: Cache | None = None,
    workers: int = 1,
    report: BuildReport | None = None,
    progress: Callable[[int, int], None] | None = None,
    keys: Sequence[tuple[Path, str | ReadError]] | None = None,
) -> Iterator[PageExtraction]:
    """Extract every page, from the cache where the file is unchanged, yielding the results in
    the order of ``paths`` as they come (nothing is held for the whole batch); bad pages are
    skipped with their reason in ``report.skipped``.  ``keys`` are the :func:`page_keys` of
    ``paths`` when the caller has them already.  ``progress(done, total)`` is called after each
    page, cached or not."""
    report = report if report is not None else BuildReport()
    if cache is not None and keys is None:
        keys = page_keys(cache, paths)
    listed: list[tuple[Path, str | None, bool]] = []
    for path, key in keys if keys is not None else [(p, None) for p in paths]:
        if isinstance(key, ReadError):
            report.skipped.append((str(path), str(key)))
            continue
        listed.append((path, key, key is not None and cache is not None and key in cache))
    todo = [str(path) for path, _, hit in listed if not hit]
    total = len(paths)
    done = total - len(listed)
    with contextlib.ExitStack() as stack:
        if workers > 1 and len(todo) > 1:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
            fresh: Iterator[PageExtraction | str] = pool.map(_extract_or_error, todo, chunksize=8)
        else:
            fresh = map(_extract_or_error, todo)
        for path, key, hit in listed:
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
                progress(done, total)
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


def user_cache_dir() -> Path:
    """The per-user cache folder: ``$XDG_CACHE_HOME/kg-diplomacy`` (``~/.cache/kg-diplomacy``)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "kg-diplomacy"


def default_cache_dir(out: Path | None) -> Path:
    """``OUT/.kg-cache`` beside the exports, or the per-user cache folder when there is no
    export folder (a build never writes into the current directory unasked)."""
    return out / ".kg-cache" if out is not None else user_cache_dir()


def build(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    html: bool = True,
    wait: float = 0.0,
) -> BuildResult:
    """Build the graph of every page under ``inputs``; write the exports to ``out`` if given.

    The cache lives in ``cache_dir``, by default ``out/.kg-cache``, or the per-user cache
    folder (:func:`user_cache_dir`) when there is no ``out``.  While the build runs it holds
    the lock of ``out``: a second build into the same folder waits up to ``wait`` seconds,
    then raises :class:`~kg.errors.BusyError`.

    Raises :class:`KgError` when no page at all could be read.
    """
    paths = find_pages(inputs)  # before anything is written: a typo writes nothing
    out_dir = Path(out) if out is not None else None
    if out_dir is None:
        return _build(paths, None, cache_dir, use_cache, workers, progress, html)
    ready_folder(out_dir)
    with folder_lock(out_dir, wait=wait):
        remove_leftovers(out_dir)  # of a killed build: only the lock holder may
        return _build(paths, out_dir, cache_dir, use_cache, workers, progress, html)


def _open_cache(cache_dir: str | os.PathLike[str] | None, out: Path | None) -> Cache | None:
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir(out)
    try:
        return Cache(root, version=extractor_version())
    except CacheError:
        if cache_dir is not None or out is not None:
            raise
        log.warning("the per-user cache %s cannot be used: building without a cache", root)
        return None


def _build(
    paths: list[Path],
    out_dir: Path | None,
    cache_dir: str | os.PathLike[str] | None,
    use_cache: bool,
    workers: int,
    progress: Callable[[int, int], None] | None,
    html: bool,
) -> BuildResult:
    started = time.perf_counter()
    report = BuildReport()
    cache = _open_cache(cache_dir, out_dir) if use_cache else None
    snapshot = None
    keys = None
    if cache is not None:
        keys = page_keys(cache, paths)
        plain = [(path, key if isinstance(key, str) else None) for path, key in keys]
        snapshot, name = snapshot_path(cache, plain, out_dir, html)
        previous = load_snapshot(snapshot, out_dir, name, html=html)
        if previous is not None:
            # Nothing changed since the last build of these pages into this folder: its
            # graph is reused and its exports are already in place (checked by checksum).
            report.pages, report.documents = previous.pages, previous.documents
            report.skipped = [(p, r) for p, r in previous.skipped]
            report.cached = previous.pages
            report.entities = Counter(e.kind for e in previous.data.entities)
            report.facts = Counter(f.type for f in previous.data.facts)
            report.seconds = time.perf_counter() - started
            return BuildResult(data=previous.data, report=report)
    resolution = Resolution()
    for extraction in extract_pages(
        paths, cache=cache, workers=workers, report=report, progress=progress, keys=keys
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
    stamp = None
    if snapshot is not None:
        result = BuildSnapshot(
            data=data,
            pages=report.pages,
            documents=report.documents,
            skipped=tuple(report.skipped),
        )
        stamp = (snapshot.stem, write_snapshot(snapshot, result))
    if out_dir is not None:
        report.written = write_exports(data, out_dir, html=html, stamp=stamp)
    report.seconds = time.perf_counter() - started
    return BuildResult(data=data, report=report)
