"""The exports of a build, written into one folder as a set: ``facts.jsonl``, ``graph.ttl``,
``graph.nt``, ``graph.jsonld`` and ``graph.html``.

Every file is first written into a hidden staging folder inside the export folder (same file
system, so a rename moves it); only when all of them are complete and synced are they moved
into place, one rename each.  The build stamp (:data:`kg.cache.BUILD_STAMP`) is removed before
the first rename and written after the last one, with the SHA-256 of every file: a build killed
at any point leaves either the previous set untouched and stamped, or a folder without a stamp,
which no later build trusts (it writes the whole set again).  Files left by a killed build
(staging folders, temporary files, sorted runs) are removed by the next one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.atomic import fsync_folder, os_reason, write_text
from kg.cache import BUILD_STAMP, file_sha256, stamp_text
from kg.errors import ExportError, WriteError
from kg.model import GraphData
from kg.tables.facts import facts_jsonl

log = logging.getLogger(__name__)

#: hidden leftovers of a killed build in an export folder, removed by the next one
LEFTOVERS = (".kg-staging.*.tmp", ".graph.*.tmp", ".facts.jsonl.*.tmp", f".{BUILD_STAMP}.*.tmp")


def write_exports(
    data: GraphData,
    out: Path,
    *,
    html: bool = True,
    stamp: tuple[str, str] | None = None,
) -> list[str]:
    """Write facts.jsonl, graph.ttl, graph.nt, graph.jsonld and graph.html into ``out`` as one
    set (see the module docstring); ``stamp`` (build name, snapshot checksum) is recorded in
    the build stamp with the checksums of the files.  Returns the paths written.

    The caller holds the folder's lock (:func:`kg.atomic.folder_lock`).  Raises
    :class:`~kg.errors.ExportError` naming the folder when it cannot be written.
    """
    ready_folder(out)
    remove_leftovers(out)
    try:
        with _staging(out) as stage:
            names = _write_set(data, stage, html=html)
            files = {name: file_sha256(stage / name) for name in names}
            fsync_folder(stage)
            _swap(stage, out, names)
    except WriteError as e:
        raise ExportError(f"{out}: the exports could not be written ({e})") from e
    except OSError as e:
        raise ExportError(f"{out}: the exports could not be written ({os_reason(e)})") from e
    if stamp is not None:
        try:
            write_text(out / BUILD_STAMP, stamp_text(*stamp, files))
        except WriteError as e:
            log.warning("%s: the build stamp could not be written (%s)", out, e)
    return [str(out / name) for name in names]


def ready_folder(out: Path) -> None:
    """Create the export folder ``out``, or say in one line why it cannot be."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: is a file, not a folder: give a folder to --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as e:
        raise ExportError(f"{out}: cannot create the export folder, a parent is a file") from e
    except OSError as e:
        raise ExportError(f"{out}: cannot create the export folder ({os_reason(e)})") from e
    if not os.access(out, os.W_OK | os.X_OK):
        raise ExportError(f"{out}: the export folder is not writable")


def remove_leftovers(out: Path) -> None:
    """Remove what a killed build left in ``out``: staging folders, temporary files, sorted
    runs.  Only the holder of the folder's lock may call this."""
    for pattern in LEFTOVERS:
        for stale in out.glob(pattern):
            with contextlib.suppress(OSError):
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink(missing_ok=True)


@contextlib.contextmanager
def _staging(out: Path) -> Iterator[Path]:
    stage = Path(tempfile.mkdtemp(prefix=".kg-staging.", suffix=".tmp", dir=out))
    try:
        os.chmod(stage, 0o755)
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _write_set(data: GraphData, stage: Path, *, html: bool) -> list[str]:
    from kg import rdf

    write_text(stage / "facts.jsonl", facts_jsonl(data.facts))
    names = ["facts.jsonl"]
    names.extend(path.name for path in rdf.write(data, stage).values())
    if html:
        from kg.render.page import render_html

        render_html(data, stage / "graph.html")
        names.append("graph.html")
    return names


def _swap(stage: Path, out: Path, names: list[str]) -> None:
    """Move the staged set into ``out``: stamp out first, then one rename per file."""
    (out / BUILD_STAMP).unlink(missing_ok=True)
    fsync_folder(out)
    for name in names:
        os.replace(stage / name, out / name)
    fsync_folder(out)
