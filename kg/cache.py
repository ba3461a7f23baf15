"""A content-hash cache for per-page results, safe against crashes.

One file per entry, ``root/<version>/<2-char prefix>/<key>``. Each file starts with a header
(magic, payload length, SHA-256 of the payload) and is written through a temporary file in the
same folder, ``fsync`` and ``os.replace``: a process killed at any point leaves an entry absent,
old or new, never half-written. A file that fails its check anyway (disk trouble, a hand edit)
is reported through ``logging``, deleted and read as a miss. A cache root that is not a usable
folder (a file in its place, say) is moved out of the way and rebuilt.

Examples:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     cache = Cache(Path(d), version="1")
    ...     key = cache.key(b"page text")
    ...     cache.put(key, b"result")
    ...     (cache.get(key), cache.get(cache.key(b"other")), cache.keys() == [key])
    (b'result', None, True)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import re
import shutil
import struct
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from kg import __version__
from kg.atomic import fsync_folder, write_bytes
from kg.errors import KgError
from kg.model import GraphData, Record

__all__ = ["Cache", "CacheError"]

log = logging.getLogger(__name__)

MAGIC = b"KGC1"
HEADER = struct.Struct(">4sQ32s")  # magic, payload length, sha256(payload)
_KEY = re.compile(r"[0-9a-f]{16,128}")
_VERSION = re.compile(r"[A-Za-z0-9._+-]{1,100}")
# A temporary file older than this was left by a killed writer; younger ones may be in use.
STALE_TEMP_SECONDS = 3600.0


class CacheError(KgError):
    """The cache folder cannot be created or repaired."""


class Cache:
    """Bytes stored under content keys, one atomic file per entry."""

    def __init__(self, root: Path, *, version: str) -> None:
        if not _VERSION.fullmatch(version):
            raise ValueError(f"cache version {version!r}: use letters, digits and ._+- only")
        self.root = Path(root)
        self.version = version
        self.dir = self.root / version
        self._ensure_dir(self.root)
        self._ensure_dir(self.dir)
        self._remove_stale_temps()

    # keys ----------------------------------------------------------------------------------
    def key(self, data: bytes) -> str:
        """The key of ``data``: SHA-256 of the version and the data, so a new version misses."""
        digest = hashlib.sha256()
        digest.update(self.version.encode("utf-8"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def key_of_stream(self, handle: BinaryIO, *, limit: int | None = None) -> str:
        """:meth:`key` of the bytes of ``handle``, read in blocks (a big file is never held in
        memory); ``limit`` stops reading after that many bytes and raises ``ValueError``."""
        digest = hashlib.sha256()
        digest.update(self.version.encode("utf-8"))
        digest.update(b"\0")
        seen = 0
        while block := handle.read(1 << 20):
            seen += len(block)
            if limit is not None and seen > limit:
                raise ValueError(f"more than {limit} bytes")
            digest.update(block)
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        """Where the entry of ``key`` lives."""
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.dir / key[:2] / key

    # entries -------------------------------------------------------------------------------
    def get(self, key: str) -> bytes | None:
        """The value stored under ``key``, or None if absent or damaged (then it is removed)."""
        path = self.path(key)
        try:
            blob = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except IsADirectoryError:
            self._damaged(path, "a folder stands where the entry should be")
            return None
        except OSError as e:
            self._damaged(path, f"unreadable ({e.strerror})")
            return None
        problem = _check(blob)
        if problem:
            self._damaged(path, problem)
            return None
        return blob[HEADER.size :]

    def put(self, key: str, value: bytes) -> None:
        """Store ``value`` under ``key`` atomically (old or new survives a crash, never half)."""
        path = self.path(key)
        blob = HEADER.pack(MAGIC, len(value), hashlib.sha256(value).digest()) + value
        self._ensure_dir(self.dir)
        self._ensure_dir(path.parent)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        write_bytes(path, blob)
        fsync_folder(path.parent)

    def discard(self, key: str) -> None:
        """Remove the entry of ``key`` if there is one."""
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            self.path(key).unlink()

    def keys(self) -> list[str]:
        """Keys of the stored entries (present, not checked), sorted."""
        found = []
        try:
            prefixes = sorted(os.scandir(self.dir), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            return []
        for prefix in prefixes:
            if len(prefix.name) != 2 or not prefix.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(prefix.path):
                if _KEY.fullmatch(entry.name) and entry.name[:2] == prefix.name:
                    found.append(entry.name)
        return sorted(found)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self.keys())

    # repair --------------------------------------------------------------------------------
    def _damaged(self, path: Path, problem: str) -> None:
        log.warning("cache entry %s is damaged (%s): removed", path, problem)
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as e:
            log.warning("cache entry %s could not be removed: %s", path, e)

    def _ensure_dir(self, folder: Path) -> None:
        """Make ``folder`` a usable folder, moving aside whatever is in its way."""
        if folder.is_dir():
            return
        if folder.exists() or folder.is_symlink():
            log.warning("cache folder %s is not a folder: rebuilt", folder)
            try:
                if folder.is_dir():
                    shutil.rmtree(folder)
                else:
                    folder.unlink()
            except OSError as e:
                raise CacheError(f"cache folder {folder} is unusable and cannot be removed") from e
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            if not folder.is_dir():  # lost a race with something odd: try once more
                folder.unlink(missing_ok=True)
                folder.mkdir(parents=True, exist_ok=True)
        except NotADirectoryError as e:
            raise CacheError(f"cache folder {folder}: a parent is a file") from e
        except OSError as e:
            raise CacheError(f"cache folder {folder} cannot be created: {e.strerror}") from e

    def _remove_stale_temps(self) -> None:
        now = time.time()
        for prefix in self.dir.iterdir():
            if not prefix.is_dir():
                continue
            for tmp in prefix.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                        tmp.unlink()


def _check(blob: bytes) -> str | None:
    """Why ``blob`` is not a valid entry, or None."""
    if len(blob) < HEADER.size:
        return "shorter than its header"
    magic, length, digest = HEADER.unpack_from(blob)
    if magic != MAGIC:
        return "bad magic"
    if len(blob) - HEADER.size != length:
        return f"truncated: {len(blob) - HEADER.size} of {length} bytes"
    if hashlib.sha256(memoryview(blob)[HEADER.size :]).digest() != digest:
        return "checksum mismatch"
    return None


# ---------------------------------------------------------------- what invalidates it


def extractor_version() -> str:
    """A hash of the package version and every pattern file: a change invalidates the cache."""
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("kg.patterns")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        # The API's tables do not change what extraction reads.
        if entry.is_file() and not entry.name.startswith(("api_", "README")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    for module in (
        "read/reader.py",
        "read/repair.py",
        "dates.py",
        "resolve/entities.py",
        "resolve/chronology.py",
    ):
        digest.update(resources.files("kg").joinpath(module).read_bytes())
    for entry in sorted(resources.files("kg.extract").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- build snapshots

#: In an export folder: which build wrote the exports there, and their SHA-256 (JSON).
BUILD_STAMP = ".kg-build"


class BuildSnapshot(Record):
    """The result of a build, kept in the cache to answer an identical rebuild at once."""

    data: GraphData
    pages: int
    documents: int
    skipped: tuple[tuple[str, str], ...] = ()


@functools.cache
def code_version() -> str:
    """A hash of every file of the package: a build answered from a snapshot must have been
    made by this very code (a change in the RDF or HTML writers renders the exports again)."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def snapshot_path(
    cache: Cache, keys: Sequence[tuple[Path, str | None]], out: Path | None, html: bool
) -> tuple[Path, str]:
    """Where the snapshot of a build of these pages (with their content keys, None for an
    unreadable one) into ``out`` lives, and its name."""
    digest = hashlib.sha256(f"{html}|{out}|{code_version()}".encode())
    for path, key in keys:
        digest.update(f"{path}\0{key or 'unreadable'}\0".encode())
    name = "build-" + digest.hexdigest()[:24]
    return cache.dir / f"{name}.json", name


def write_snapshot(path: Path, snapshot: BuildSnapshot) -> str:
    """Store ``snapshot`` at ``path`` behind a checksummed header (as cache entries are);
    returns the SHA-256 of its payload, which the build stamp records."""
    payload = snapshot.model_dump_json().encode("utf-8")
    digest = hashlib.sha256(payload)
    write_bytes(path, HEADER.pack(MAGIC, len(payload), digest.digest()) + payload)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def stamp_text(name: str, snapshot_sha256: str, files: dict[str, str]) -> str:
    """The text of :data:`BUILD_STAMP`: the build's name, its snapshot's checksum and the
    checksum of every export it wrote."""
    record: dict[str, Any] = {"build": name, "snapshot": snapshot_sha256, "files": files}
    return json.dumps(record, sort_keys=True, indent=1) + "\n"


def _stamp(out: Path) -> dict[str, Any] | None:
    try:
        record = json.loads((out / BUILD_STAMP).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    ok = (
        isinstance(record, dict)
        and isinstance(record.get("build"), str)
        and isinstance(record.get("snapshot"), str)
        and isinstance(record.get("files"), dict)
    )
    return record if ok else None


def load_snapshot(path: Path, out: Path | None, name: str, *, html: bool) -> BuildSnapshot | None:
    """The snapshot of build ``name`` if it can be trusted, else None (the build runs).

    Trusted means: its header checksum holds (a damaged or edited snapshot is never served)
    and, with an export folder, the folder's stamp names this build, this snapshot's checksum,
    and every export it lists is there with the checksum it had when written (a folder mixed
    by a killed build, or an export edited since, is written again).
    """
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    problem = _check(blob)
    if problem:
        log.warning("build snapshot %s is damaged or edited (%s): built again", path, problem)
        return None
    payload = memoryview(blob)[HEADER.size :]
    if out is not None:
        stamp = _stamp(out)
        if stamp is None or stamp["build"] != name:
            return None
        if stamp["snapshot"] != hashlib.sha256(payload).hexdigest():
            return None
        wanted = {"facts.jsonl", "graph.ttl", "graph.nt", "graph.jsonld"} | (
            {"graph.html"} if html else set()
        )
        files = stamp["files"]
        if not wanted <= set(files):
            return None
        for file, digest in files.items():
            try:
                if file_sha256(out / file) != digest:
                    log.info("%s changed since the build that wrote it: built again", out / file)
                    return None
            except OSError:
                return None
    try:
        return BuildSnapshot.model_validate_json(bytes(payload))
    except ValidationError:
        return None
