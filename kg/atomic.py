"""Atomic file writes: a reader sees the old file or the new one, never half of either.

A write that fails for a reason of the file system (read-only folder, a file where a folder
should be, disk full) raises :class:`kg.errors.WriteError` naming the file, with the
``OSError`` as its cause, and leaves no temporary file behind.  :func:`folder_lock` keeps two
processes from writing one folder at once.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import BusyError, WriteError


def os_reason(error: OSError) -> str:
    """A short reason for ``error``: ``strerror`` ("No space left on device") or its text."""
    if error.errno == errno.ENOSPC:
        return "no space left on device"
    return error.strerror or str(error)


def _make_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as e:
        raise WriteError(f"{target}: cannot write, a parent folder is a file") from e
    except OSError as e:
        raise WriteError(f"{target}: cannot create its folder ({os_reason(e)})") from e


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: it replaces ``path`` only when the block ends
    without an error (written, flushed and synced first); otherwise it is removed.

    An ``OSError`` while writing (in the block or when the file is replaced) becomes a
    :class:`~kg.errors.WriteError` naming ``path``.
    """
    target = Path(path)
    _make_parent(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise WriteError(f"{target}: cannot write ({os_reason(e)})") from e
    try:
        # mkstemp creates 0600 files; exports are for everyone to read, like any new file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.is_dir():
            raise WriteError(f"{target}: is a folder, give a file name")
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"{target}: cannot write ({os_reason(e)})") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    with open_atomic(path) as handle:
        handle.write(data)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 (``\\n`` line ends) atomically."""
    write_bytes(path, text.encode("utf-8"))


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (a power cut, not only a kill); not possible
    everywhere, so failures are ignored."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: the lock file :func:`folder_lock` holds in the folder it protects
LOCK_FILE = ".kg-lock"


@contextlib.contextmanager
def folder_lock(folder: Path, *, wait: float = 0.0, what: str = "another build") -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (``flock`` on its :data:`LOCK_FILE`) for the block.

    When another process holds it, wait up to ``wait`` seconds, then raise
    :class:`~kg.errors.BusyError` naming the folder and that process.  The lock goes with the
    process: a killed holder never leaves the folder locked.  Where the file system has no
    locks (some network mounts) the block runs unlocked.
    """
    path = folder / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise WriteError(f"{folder}: cannot write ({os_reason(e)})") from e
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(fd)
                    waited = f" after waiting {wait:g} s" if wait > 0 else ""
                    raise BusyError(
                        f"{folder}: {what}{holder} is writing into this folder{waited}; "
                        "let it finish, give --wait SECONDS, or choose another --out"
                    ) from None
                time.sleep(0.05)
            except OSError as e:
                if e.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    break  # no locks on this file system: go on unlocked
                raise WriteError(f"{folder}: cannot lock ({os_reason(e)})") from e
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
