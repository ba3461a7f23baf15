"""Issue #16, the build, cache and CLI side: each fault or bad input gets a clear ``kg:``
message (or a sane result), never a traceback, a mixed export folder or a stale answer."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kg import KnowledgeGraph
from kg.cache import BUILD_STAMP
from kg.cli import main
from kg.errors import KgError
from kg.pipeline import build, find_pages
from kg.read.reader import read_page
from tests.conftest import ROOT, SEEDS
from tests.test_rdf import endpoint  # noqa: F401  (a real `oxigraph serve`)


@pytest.fixture
def example_export(tmp_path: Path) -> Path:
    """The four-fact example graph saved as ``graph.ttl`` in a folder (no model needed)."""
    folder = tmp_path / "example"
    KnowledgeGraph.example().save(folder / "graph.ttl")
    return folder


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: "), err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


# ---------------------------------------------------------------- 4: a pair of one country


@pytest.mark.parametrize("pair", [("VN", "VN"), ("Vietnam", "VN"), ("viet nam", "country:VN")])
def test_partnership_of_a_country_with_itself_is_refused(pair: tuple[str, str]) -> None:
    with pytest.raises(KgError, match="two different"):
        KnowledgeGraph.example().partnership(*pair)


def test_query_between_one_country_twice_is_refused(
    example_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["query", "partnership", "--between", "VN", "VN", "--data", str(example_export)]
    assert main(args) == 1
    assert "two different" in one_line_error(capsys)
    assert (
        main(["query", "partnership", "--between", "VN", "KR", "--data", str(example_export)]) == 0
    )
    assert "comprehensive_strategic_partnership" in capsys.readouterr().out


# ---------------------------------------------------------------- helpers for real builds

EXPORTS = ("facts.jsonl", "graph.ttl", "graph.nt", "graph.jsonld", "graph.html")
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
TWO = [SEEDS / "000_db56f8231e5772b9.txt", SEEDS / "003_a84331fe95974398.txt"]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A cache holding every seed page, and the exports of the seeds (by name)."""
    cache = tmp_path_factory.mktemp("warm") / "cache"
    out = cache.parent / "seeds"
    build([SEEDS], out=out, cache_dir=cache)
    return cache, {name: (out / name).read_bytes() for name in EXPORTS}


@pytest.fixture
def cache(warm: tuple[Path, dict[str, bytes]], tmp_path: Path) -> Path:
    """A copy of the warm cache for one test (which may damage it)."""
    copy = tmp_path / "cache"
    shutil.copytree(warm[0], copy)
    return copy


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in EXPORTS if (out / name).exists()}


def run_killed(script: str, *args: str) -> None:
    """Run ``script`` in a child Python that must die of SIGKILL (it kills itself)."""
    command = [sys.executable, "-c", script, *args]
    child = subprocess.run(command, cwd=ROOT, env=ENV, timeout=600)
    assert child.returncode == -signal.SIGKILL, child.returncode


# ---------------------------------------------------------------- 1: exports as a set

KILL_AT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import kg.rdf.writer, kg.pipeline
    out, where, cache = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    exports = {"facts.jsonl", "graph.ttl", "graph.nt", "graph.jsonld", "graph.html"}
    renames = 0

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if where == "staging":
        def write_jsonld(*args, **kwargs):
            die()
        kg.rdf.writer.write_jsonld = write_jsonld
    else:
        replace = os.replace

        def counting(src, dst, *args, **kwargs):
            global renames
            if Path(dst).parent == out and Path(dst).name in exports:
                if renames == int(where):
                    die()
                renames += 1
            return replace(src, dst, *args, **kwargs)
        os.replace = counting
    kg.pipeline.build(sys.argv[4:], out=out, cache_dir=cache)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("where", ["staging", "0", "1", "3", "4"])
def test_a_killed_build_never_leaves_a_trusted_mixed_folder(
    where: str, warm: tuple[Path, dict[str, bytes]], cache: Path, tmp_path: Path
) -> None:
    """The issue's reproduction: seeds into O, another page set into O killed (while staging,
    or after 0..4 of the 5 renames), seeds into O again: the folder is the seeds' set, whole."""
    _, seeds = warm
    out = tmp_path / "O"
    build([SEEDS], out=out, cache_dir=cache)
    assert files(out) == seeds
    run_killed(KILL_AT, str(out), where, str(cache), *map(str, TWO))
    now = files(out)
    if where == "staging":
        assert now == seeds, "the previous set was touched before the new one was complete"
        assert (out / BUILD_STAMP).exists()
    else:
        assert not (out / BUILD_STAMP).exists(), "a half-swapped folder kept its stamp"
    again = build([SEEDS], out=out, cache_dir=cache)
    assert files(out) == seeds
    assert not list(out.glob(".*.tmp")), "leftovers of the killed build"
    if where == "staging":
        assert again.report.cached == 5  # answered from the snapshot: nothing was mixed
    else:
        assert again.report.written, "the whole set was written again"


@pytest.mark.slow
def test_an_edited_export_is_written_again(cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "O"
    build([SEEDS], out=out, cache_dir=cache)
    good = (out / "facts.jsonl").read_bytes()
    (out / "facts.jsonl").write_bytes(good.replace(b"Xiong Bo", b"Xiong Bx"))
    again = build([SEEDS], out=out, cache_dir=cache)
    assert again.report.written and (out / "facts.jsonl").read_bytes() == good


def test_the_stamp_lists_every_export_with_its_checksum(tmp_path: Path) -> None:
    from kg.tables.exports import write_exports

    out = tmp_path / "O"
    written = write_exports(KnowledgeGraph.example().data, out, stamp=("build-x", "0" * 64))
    stamp = json.loads((out / BUILD_STAMP).read_text(encoding="utf-8"))
    assert stamp["build"] == "build-x" and set(stamp["files"]) == set(EXPORTS)
    for name in EXPORTS:
        assert stamp["files"][name] == hashlib.sha256((out / name).read_bytes()).hexdigest()
    assert sorted(Path(p).name for p in written) == sorted(EXPORTS)
    assert sorted(p.name for p in out.iterdir()) == sorted([*EXPORTS, BUILD_STAMP])


# ---------------------------------------------------------------- 6: size and type first


@pytest.mark.parametrize("no_cache", [False, True])
def test_build_of_dev_zero_is_a_clear_message(
    no_cache: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["build", "/dev/zero", "--out", str(tmp_path / "O")]
    assert main([*args, "--no-cache"] if no_cache else args) == 1
    err = one_line_error(capsys)
    assert "/dev/zero: a character device, not a regular file" in err


def test_a_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    for use_cache in (True, False):
        with pytest.raises(KgError, match="a pipe, not a regular file"):
            build([fifo], cache_dir=tmp_path / "cache", use_cache=use_cache)
    # in a folder, only regular files are pages
    assert find_pages([tmp_path]) == []


def test_a_folder_named_as_a_page_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="a folder, not a regular file"):
        read_page(tmp_path)


SPARSE = textwrap.dedent(
    """
    import sys
    from kg.errors import KgError
    from kg.pipeline import build
    try:
        build([sys.argv[1]], cache_dir=sys.argv[2], use_cache=sys.argv[3] == "cache")
    except KgError as e:
        print(e)
    # the peak resident size of this process image (ru_maxrss would count the parent's)
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    print(int(status.split()[0]) // 1024)
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("mode", ["cache", "no-cache"])
def test_a_3gb_sparse_file_costs_no_memory(mode: str, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(3 * 1024**3)
    child = subprocess.run(
        [sys.executable, "-c", SPARSE, str(big), str(tmp_path / "cache"), mode],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    message, peak_mb = child.stdout.strip().splitlines()
    assert "over the limit" in message and str(big) in message
    assert int(peak_mb) < 400, f"{peak_mb} MB"


def test_the_cache_key_is_streamed_and_equals_the_key_of_the_bytes(tmp_path: Path) -> None:
    import tracemalloc

    from kg.cache import Cache
    from kg.pipeline import page_key

    cache = Cache(tmp_path / "cache", version="v1")
    page = tmp_path / "page.txt"
    page.write_bytes(b"x" * 4_000_000)
    tracemalloc.start()
    key = page_key(cache, page)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert key == cache.key(page.read_bytes())
    assert peak < 3_000_000, peak


# ---------------------------------------------------------------- 14: no cwd cache, checksum


@pytest.mark.slow
def test_build_without_out_writes_nothing_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, home = tmp_path / "work", tmp_path / "xdg"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    KnowledgeGraph.build(TWO)
    assert list(work.iterdir()) == []
    assert list((home / "kg-diplomacy").rglob("build-*.json"))


@pytest.mark.slow
@pytest.mark.parametrize("with_out", [False, True])
def test_an_edited_snapshot_is_not_served(with_out: bool, cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "O" if with_out else None
    before = set(cache.rglob("build-*.json"))
    first = build(TWO, out=out, cache_dir=cache, html=False)
    (snapshot,) = set(cache.rglob("build-*.json")) - before
    blob = snapshot.read_bytes()
    assert b"Xiong Bo" in blob
    snapshot.write_bytes(blob.replace(b"Xiong Bo", b"Xiong Bx"))
    again = build(TWO, out=out, cache_dir=cache, html=False)
    assert again.data == first.data
    names = {e.name for e in again.data.entities}
    assert "Xiong Bo" in names and "Xiong Bx" not in names


# ---------------------------------------------------------------- 10: one build per folder

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import kg.tables.exports as exports
    from kg.cli import main
    write_set = exports._write_set

    def slow(*args, **kwargs):
        print("writing", flush=True)
        time.sleep(float(sys.argv[3]))
        return write_set(*args, **kwargs)

    exports._write_set = slow
    sys.exit(main(["build", *sys.argv[4:], "--out", sys.argv[1], "--cache", sys.argv[2],
                   "--no-html", "--quiet"]))
    """
)


def kg_build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=600,
    )


@pytest.mark.slow
@pytest.mark.parametrize("wait", [None, "60"])
def test_a_second_build_into_the_same_folder_stops_or_waits(
    wait: str | None, cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "O"
    first = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out), str(cache), "3", *map(str, TWO)],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=ROOT,
    )
    assert first.stdout is not None
    assert first.stdout.readline().strip() == "writing"
    args = [str(SEEDS), "--out", str(out), "--cache", str(cache), "--no-html", "--quiet"]
    second = kg_build(*args, *(["--wait", wait] if wait else []))
    assert first.wait(timeout=600) == 0
    reference = tmp_path / "reference"
    if wait is None:
        assert second.returncode == 1
        err = second.stderr.strip()
        assert err.startswith(f"kg: {out}: another build (process {first.pid})"), err
        assert len(err.splitlines()) == 1
        build(TWO, out=reference, cache_dir=cache, html=False)
    else:
        assert second.returncode == 0, second.stderr
        build([SEEDS], out=reference, cache_dir=cache, html=False)
    assert files(out) == files(reference)


@pytest.mark.slow
def test_two_concurrent_builds_both_succeed_one_after_the_other(
    cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "O"
    args = ["--out", str(out), "--cache", str(cache), "--wait", "300", "--quiet"]
    for _ in range(3):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "kg.cli", "build", *pages, *args],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=ENV,
                cwd=ROOT,
            )
            for pages in ([str(SEEDS)], list(map(str, TWO)))
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err
        stamp = json.loads((out / BUILD_STAMP).read_text(encoding="utf-8"))
        for name, digest in stamp["files"].items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest


# ---------------------------------------------------------------- 11: kg: messages, no traceback


def mount_tmpfs(folder: Path, size: str, *, read_only: bool = False) -> None:
    """A real small (or read-only) file system at ``folder``; skips the test without root."""
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    mounted: list[Path] = []

    def make(size: str = "1m", *, read_only: bool = False) -> Path:
        folder = tmp_path / f"fs{len(mounted)}"
        mount_tmpfs(folder, size, read_only=read_only)
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize(
    "command", [["extract"], ["build", "--no-cache", "--out", "OUT"], ["build", "--out", "OUT"]]
)
def test_an_unreadable_page_is_a_message(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = tmp_path / "page.txt"
    page.write_text((SEEDS / "003_a84331fe95974398.txt").read_text("utf-8"), encoding="utf-8")
    page.chmod(0o000)
    if os.geteuid() == 0:  # root reads it anyway: the refusal is injected where it happens
        real_open = os.open

        def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if Path(path) == page:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    assert main([args[0], str(page), *args[1:]]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{page}: cannot read (Permission denied)" in err


@pytest.mark.parametrize("no_cache", [True, False])
def test_an_out_that_is_a_file_is_a_message(
    no_cache: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for out in (tmp_path / "file", tmp_path / "file" / "sub"):
        args = ["build", str(SEEDS), "--out", str(out)] + (["--no-cache"] if no_cache else [])
        assert main(args) == 1
        err = one_line_error(capsys)
        assert str(out) in err and "file" in err
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("no_cache", [True, False])
def test_a_read_only_out_is_a_message(
    no_cache: bool,
    tmpfs: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmpfs(read_only=True)
    args = ["build", str(SEEDS), "--out", str(out), "--cache", str(tmp_path / "cache")]
    assert main(args + (["--no-cache"] if no_cache else [])) == 1
    err = one_line_error(capsys)
    assert str(out) in err and "not writable" in err


@pytest.mark.parametrize(
    "command",
    [
        ["render", "--data", "DATA", "--out", "OUT/view.html"],
        ["export", "--data", "DATA", "--format", "gexf", "--out", "OUT/graph.gexf"],
        ["export", "--data", "DATA", "--format", "ttl", "--out", "OUT/graph.ttl"],
        ["synth", "--pages", "2", "--out", "OUT/synth"],
    ],
)
@pytest.mark.parametrize("where", ["read-only", "file", "folder"])
def test_render_export_and_synth_to_a_bad_out_are_a_message(
    command: list[str],
    where: str,
    example_export: Path,
    tmpfs: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if where == "read-only":
        out = tmpfs(read_only=True)
    elif where == "file":
        out = tmp_path / "a-file"  # OUT/view.html: a parent is a file
        out.write_text("x", encoding="utf-8")
    else:
        out = tmp_path / "folder"  # OUT/view.html is itself a folder
        for name in ("view.html", "graph.gexf", "graph.ttl"):
            (out / name).mkdir(parents=True)
        (out / "synth").write_text("x", encoding="utf-8")
    args = [str(example_export) if a == "DATA" else a.replace("OUT", str(out)) for a in command]
    assert main(args) == 1
    err = one_line_error(capsys)
    assert str(out) in err
    assert not [p for p in tmp_path.rglob(".*.tmp")], "temporary files left"


ENOSPC = OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.slow
def test_disk_full_on_a_real_small_file_system(
    warm: tuple[Path, dict[str, bytes]],
    cache: Path,
    tmpfs: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exports to a 1.2 MB file system: the small set fits, the seeds' set does not; the
    failed build says so in one line and leaves the small set whole and stamped."""
    out = tmpfs("1200k") / "O"
    assert (
        main(
            [
                "build",
                *map(str, TWO),
                "--out",
                str(out),
                "--cache",
                str(cache),
                "--no-html",
                "--quiet",
            ]
        )
        == 0
    )
    small = files(out)
    stamp = (out / BUILD_STAMP).read_bytes()
    capsys.readouterr()
    assert main(["build", str(SEEDS), "--out", str(out), "--cache", str(cache), "--quiet"]) == 1
    err = one_line_error(capsys)
    assert str(out) in err and "no space left on device" in err
    assert files(out) == small and (out / BUILD_STAMP).read_bytes() == stamp
    assert sorted(p.name for p in out.iterdir()) == sorted([*small, BUILD_STAMP, ".kg-lock"])
    # the next build in a folder with room trusts that stamp: it matches the files
    assert build(TWO, out=out, cache_dir=cache, html=False).report.written == []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("where", ["exports", "cache"])
def test_disk_full_injected_is_a_message(
    where: str,
    warm: tuple[Path, dict[str, bytes]],
    cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ENOSPC injected where a write is made durable (``fsync``), in the exports or in the
    cache (the build snapshot): one line naming the file; the previous exports stay."""
    out = tmp_path / "O"
    build(TWO, out=out, cache_dir=cache, html=False)
    before = files(out)
    fsync = os.fsync
    full_in = cache if where == "cache" else out

    def full(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(full_in)):
            raise ENOSPC
        fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    args = ["build", str(SEEDS), "--out", str(out), "--cache", str(cache), "--quiet"]
    assert main(args) == 1
    err = one_line_error(capsys)
    assert "no space left on device" in err
    assert str(full_in) in err
    assert files(out) == before
    assert not list(out.glob(".*.tmp"))
    assert not list(cache.rglob(".*.tmp"))


def test_load_none_is_a_message() -> None:
    with pytest.raises(KgError, match="load takes an export folder or file"):
        KnowledgeGraph.load(None)  # type: ignore[arg-type]


# ---------------------------------------------------------------- 13: one date parser, one error


@pytest.mark.parametrize("bad", ["zzz", "2020-13-45", "2023-02-30", "20230510", "--13-01"])
@pytest.mark.parametrize("command", ["render", "query"])
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_bad_date_on_the_command_line_is_refused(
    bad: str,
    command: str,
    option: str,
    example_export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = [command, *(["events"] if command == "query" else [])]
    args += ["--data", str(example_export), f"{option}={bad}"]
    args += ["--out", str(tmp_path / "v.html")] if command == "render" else []
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: bad date {bad!r}" in err and "Traceback" not in err
    assert not (tmp_path / "v.html").exists()


@pytest.mark.parametrize("bad", ["zzz", "2020-13-45", "2021-02-29"])
def test_a_bad_date_in_the_api_is_refused(bad: str, tmp_path: Path) -> None:
    from kg.errors import DateError
    from kg.render.page import render_html

    graph = KnowledgeGraph.example()
    with pytest.raises(DateError, match="bad date"):
        graph.events(since=bad)
    with pytest.raises(DateError, match="bad date"):
        graph.run("visits", until=bad)
    with pytest.raises(DateError, match="bad date"):
        render_html(graph.data, tmp_path / "v.html", since=bad)
    assert not (tmp_path / "v.html").exists()


def test_a_date_without_a_year_is_a_valid_bound(
    example_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "receptions", "--data", str(example_export), "--since=--04-01"]) == 0
    assert "Xiong Bo" in capsys.readouterr().out


# ---------------------------------------------------------------- 15: the command line


def test_kg_alone_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    out = capsys.readouterr().out
    for command in ("build", "query", "render", "sparql", "export", "push"):
        assert f"\n    {command} " in out
    assert "the following arguments are required" not in out


def test_kg_version(capsys: pytest.CaptureFixture[str]) -> None:
    from kg import __version__

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"kg {__version__}"


def test_every_option_has_help_and_dates_say_their_format() -> None:
    import argparse

    from kg.cli import parser

    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        for action in command._actions:
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)
            if action.dest in ("since", "until"):
                assert "YYYY-MM-DD" in action.help and "--MM-DD" in action.help


def test_progress_on_a_pipe_is_a_line_every_few_seconds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    from kg import cli

    monkeypatch.setattr(cli, "PROGRESS_EVERY", 0.05)
    with cli.Progress() as progress:  # stderr is captured: not a terminal
        time.sleep(0.2)  # loading the model: not a page yet
        progress(1, 4)
        time.sleep(0.2)
        progress(4, 4)
        time.sleep(0.2)  # resolving and writing
    lines = capsys.readouterr().err.splitlines()
    assert all(line.startswith("build: ") for line in lines), lines
    assert any(line.startswith("build: starting") for line in lines)
    assert any(line.startswith("build: 1/4 pages (25 %), ") for line in lines)
    assert any("4/4 pages read; resolving and writing the exports" in line for line in lines)
    assert lines[-1].startswith("build: 4/4 pages, finished in ")


def test_progress_is_silent_for_a_short_build_and_on_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    from kg import cli

    with cli.Progress() as progress:  # PROGRESS_EVERY is 5 s
        progress(1, 1)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 0.05)
    with pytest.raises(KgError), cli.Progress() as progress:
        progress(1, 2)
        time.sleep(0.2)
        raise KgError("no page could be read")
    assert "finished" not in capsys.readouterr().err


def test_progress_on_a_terminal_is_a_tqdm_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kg import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with cli.Progress() as progress:
        for done in range(1, 4):
            progress(done, 3)
    assert "3/3" in screen.getvalue() and "\r" in screen.getvalue()
    assert "100%" in screen.getvalue()


@pytest.mark.slow
def test_a_build_piped_to_a_file_reports_progress(tmp_path: Path) -> None:
    """A real ``kg build`` whose stderr is a file (cold: the model loads first): a line every
    second here (every 5 s by default), no bar, no escape codes."""
    script = textwrap.dedent(
        """
        import sys
        import kg.cli
        kg.cli.PROGRESS_EVERY = 1.0
        sys.exit(kg.cli.main(sys.argv[1:]))
        """
    )
    log = tmp_path / "log.txt"
    with open(log, "w") as handle:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                "build",
                *map(str, TWO),
                "--out",
                str(tmp_path / "O"),
                "--no-cache",
                "--no-html",
            ],
            stdout=subprocess.DEVNULL,
            stderr=handle,
            env=ENV,
            timeout=600,
        )
    assert done.returncode == 0
    text = log.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) >= 3, lines
    assert all(line.startswith("build: ") for line in lines), lines
    assert lines[-1].startswith("build: 2/2 pages, finished in ")
    assert "\r" not in text and "\x1b" not in text


def test_the_quickstart_writes_nothing_into_the_tracked_exports() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart")[1].split("### Python")[0]
    for line in quickstart.splitlines():
        if line.startswith(("kg render", "kg export", "kg synth")):
            out = line.split("--out ")[1].split()[0]
            assert not out.startswith("exports/"), line
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "out/" in ignored


@pytest.mark.parametrize(
    ("binding", "message"),
    [
        ("country=ZZ", "no entity is named 'ZZ'; the countries of this graph: CN, KR, VN"),
        ("country=Chien", "no entity is named 'Chien'"),
        (
            "country=Xiong Bo",
            "names Xiong Bo (person:xiong-bo), a person; ?country wants a country",
        ),
        ("country=country:ZZ", "no entity is named 'country:ZZ'"),
    ],
)
def test_sparql_with_an_unknown_entity_is_refused(
    binding: str, message: str, example_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = ROOT / "ontology" / "queries" / "officials_of_country.rq"
    args = ["sparql", str(query), "--data", str(example_export / "graph.ttl")]
    assert main([*args, "--bind", binding]) == 1
    err = one_line_error(capsys)
    assert f"--bind {binding}: " in err and message in err


@pytest.mark.parametrize("value", ["Chine", "China", "CN", "country:CN", "chine"])
def test_sparql_binds_a_country_by_name_like_kg_query(
    value: str, example_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = ROOT / "ontology" / "queries" / "officials_of_country.rq"
    args = ["sparql", str(query), "--data", str(example_export / "graph.ttl")]
    assert main([*args, "--bind", f"country={value}"]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    assert len(rows) == 1 and "Xiong Bo" in rows[0]


AD_HOC = "PREFIX schema: <https://schema.org/> SELECT ?n WHERE { ?p schema:nationality ?%s ; schema:name ?n }"


def test_sparql_ad_hoc_query_with_an_entity_variable(
    example_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without ``# param`` declarations a variable named like an entity (?country, ?countryB)
    takes names too; a variable named otherwise keeps a string literal."""
    args = ["sparql", AD_HOC % "country", "--data", str(example_export / "graph.ttl")]
    assert main([*args, "--bind", "country=Chine"]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == ["Xiong Bo"]
    assert main([*args, "--bind", "country=Chinee"]) == 1
    assert "no entity is named 'Chinee'; closest: Chine" in one_line_error(capsys)
    other = ["sparql", AD_HOC % "nation", "--data", str(example_export / "graph.ttl")]
    assert main([*other, "--bind", "nation=Chine"]) == 0  # a literal: no row, no error
    assert capsys.readouterr().out.splitlines()[2:] == []


def test_sparql_binds_names_on_an_endpoint_in_its_named_graph(
    endpoint: str,  # noqa: F811
    example_export: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Against a real ``oxigraph serve``: the names are looked up in the graph queried (the
    named graph ``kg push`` wrote), not in the store's default graph."""
    from kg import rdf

    graph = rdf.push(example_export / "graph.ttl", endpoint=endpoint)
    assert graph is not None
    query = ROOT / "ontology" / "queries" / "officials_of_country.rq"
    args = ["sparql", str(query), "--endpoint", endpoint, "--graph", graph]
    assert main([*args, "--bind", "country=Chine"]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    assert len(rows) == 1 and "Xiong Bo" in rows[0]
    assert main([*args, "--bind", "country=ZZ"]) == 1
    assert "no entity is named 'ZZ'; the countries of this graph: CN, KR, VN" in one_line_error(
        capsys
    )
