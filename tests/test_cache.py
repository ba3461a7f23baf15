"""kg.cache: round trip, damaged entries, versions, a writer killed mid-way, a broken root."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.cache import HEADER, Cache


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache", version="v1")


def test_round_trip(cache: Cache) -> None:
    key = cache.key(b"page one")
    assert cache.get(key) is None
    cache.put(key, b"result one")
    assert cache.get(key) == b"result one"
    cache.put(key, b"result two")
    assert cache.get(key) == b"result two"
    assert cache.keys() == [key]
    assert key in cache and len(cache) == 1
    cache.discard(key)
    cache.discard(key)
    assert cache.get(key) is None and cache.keys() == []


def test_layout_and_empty_value(cache: Cache) -> None:
    key = cache.key(b"x")
    cache.put(key, b"")
    assert cache.path(key) == cache.root / "v1" / key[:2] / key
    assert cache.get(key) == b""


def test_key_is_content_hash(cache: Cache) -> None:
    assert cache.key(b"a") == cache.key(b"a")
    assert cache.key(b"a") != cache.key(b"b")
    assert len(cache.key(b"a")) == 64


@pytest.mark.parametrize("bad_key", ["../etc/passwd", "ABC", "", "zz" * 20])
def test_rejects_bad_keys(cache: Cache, bad_key: str) -> None:
    with pytest.raises(ValueError):
        cache.get(bad_key)


def test_corrupt_entry_detected_and_removed(cache: Cache, caplog: pytest.LogCaptureFixture) -> None:
    key = cache.key(b"page")
    cache.put(key, b"0123456789" * 10)
    path = cache.path(key)
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0xFF  # flip one payload byte, same length
    path.write_bytes(bytes(blob))
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        assert cache.get(key) is None
    assert "checksum" in caplog.text
    assert not path.exists()


@pytest.mark.parametrize("keep", [0, 3, HEADER.size - 1, HEADER.size, HEADER.size + 50])
def test_truncated_entry_detected(cache: Cache, keep: int) -> None:
    key = cache.key(b"page")
    cache.put(key, b"x" * 100)
    path = cache.path(key)
    path.write_bytes(path.read_bytes()[:keep])
    assert cache.get(key) is None
    assert not path.exists()


def test_garbage_file_detected(cache: Cache) -> None:
    key = cache.key(b"page")
    path = cache.path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a cache entry at all, but long enough to hold a header....")
    assert cache.get(key) is None
    assert not path.exists()


def test_version_change_invalidates(tmp_path: Path) -> None:
    old = Cache(tmp_path, version="1")
    key = old.key(b"page")
    old.put(key, b"old result")
    new = Cache(tmp_path, version="2")
    assert new.key(b"page") != key
    assert new.get(new.key(b"page")) is None
    assert new.keys() == []
    assert Cache(tmp_path, version="1").get(key) == b"old result"


def test_bad_version_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Cache(tmp_path, version="../x")


def test_root_that_is_a_file_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    root.write_bytes(b"oops")
    cache = Cache(root, version="v1")
    assert root.is_dir()
    key = cache.key(b"p")
    cache.put(key, b"v")
    assert cache.get(key) == b"v"


def test_version_folder_that_is_a_file_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "v1").write_bytes(b"oops")
    cache = Cache(tmp_path, version="v1")
    key = cache.key(b"p")
    cache.put(key, b"v")
    assert cache.get(key) == b"v"


def test_prefix_that_is_a_file_is_repaired(cache: Cache) -> None:
    key = cache.key(b"p")
    cache.path(key).parent.write_bytes(b"oops")
    assert cache.get(key) is None
    cache.put(key, b"v")
    assert cache.get(key) == b"v"


def test_root_removed_while_in_use(cache: Cache) -> None:
    import shutil

    shutil.rmtree(cache.root)
    key = cache.key(b"p")
    assert cache.get(key) is None
    cache.put(key, b"v")
    assert cache.get(key) == b"v"


def test_entry_that_is_a_folder_is_removed(cache: Cache) -> None:
    key = cache.key(b"p")
    cache.path(key).mkdir(parents=True)
    assert cache.get(key) is None
    cache.put(key, b"v")
    assert cache.get(key) == b"v"


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kg.cache import Cache

    cache = Cache(Path(sys.argv[1]), version="v1")
    i = 0
    print("ready", flush=True)
    while True:
        key = cache.key(str(i % 300).encode())
        cache.put(key, (f"{i}:" * (1 + i % 5000)).encode())
        i += 1
    """
)


@pytest.mark.slow
def test_sigkill_during_puts_leaves_only_valid_entries(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    for delay in (0.3, 0.55, 0.8):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root)], stdout=subprocess.PIPE, env=env
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
    cache = Cache(root, version="v1")
    keys = cache.keys()
    assert keys, "the writer stored nothing before it was killed"
    slots = {cache.key(str(k).encode()): k for k in range(300)}
    for key in keys:
        value = cache.get(key)  # never raises
        assert value is not None, f"entry {key} damaged by the kill"
        i = int(value.split(b":", 1)[0])
        assert i % 300 == slots[key]
        assert value == (f"{i}:" * (1 + i % 5000)).encode(), "half-written entry"
