"""Docs that cannot drift: every CLI command in the README, every README SPARQL example runs
with the output shown, the Python quickstart runs as written, every help ends with an example."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from kg.cli import main, parser
from kg.pipeline import BuildResult
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def commands() -> list[str]:
    sub = next(a for a in parser()._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", commands())
def test_every_command_is_documented(command: str) -> None:
    assert re.search(rf"\bkg {command}\b", README), f"`kg {command}` is not in the README"


@pytest.mark.parametrize("command", commands())
def test_every_help_ends_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("example: kg ")


def run_cli(args: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(args) == 0
    return out.getvalue()


def sparql_examples() -> list[tuple[str, str]]:
    """(command, expected output) pairs: a ```bash kg sparql``` block and the ```text after it."""
    pairs = re.findall(r"```bash\n(kg sparql [^\n]+)\n```\n\n```text\n(.*?)```", README, flags=re.S)
    assert len(pairs) >= 3
    return pairs


@pytest.mark.parametrize(("command", "expected"), sparql_examples())
def test_readme_sparql_examples(
    command: str,
    expected: str,
    seed_build: tuple[BuildResult, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, out = seed_build
    monkeypatch.chdir(ROOT)
    args = [*shlex.split(command)[1:], "--data", str(out / "graph.ttl")]
    assert run_cli(args).strip() == expected.strip()


#: a value of every library query's parameters that the seed build answers
SEED_BINDINGS = {"country": "CN", "countryA": "VN", "countryB": "RU"}


def test_every_library_query_answers_on_the_seeds(seed_build: tuple[BuildResult, Path]) -> None:
    result, out = seed_build
    a_fact = sorted(f.id for f in result.data.facts)[0]
    for path in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        params = re.findall(r"# param \?(\w+)", text)
        args = ["sparql", str(path), "--data", str(out / "graph.ttl")]
        for name in params:
            if "optional" not in text.split(f"?{name}:")[1].split("\n")[0]:
                args += ["--bind", f"{name}={a_fact if name == 'fact' else SEED_BINDINGS[name]}"]
        lines = run_cli(args).splitlines()
        # a header and its rule, then at least one row
        assert len(lines) >= 3, f"{path.name} answered nothing: {lines}"


def test_python_quickstart_runs_as_written(
    seed_build: tuple[BuildResult, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _, out = seed_build
    code = blocks("python")[0].replace(
        'KnowledgeGraph.load("exports")', f"KnowledgeGraph.load({str(out)!r})"
    )
    expected = re.search(r"```python\n.*?```\n\n```text\n(.*?)```", README, flags=re.S)
    assert expected is not None
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue().strip() == expected.group(1).strip()


def test_design_decisions_are_recorded() -> None:
    assert "## Design decisions" in README
    for topic in ("IRIs", "Resolver policy", "Dates", "Ontology"):
        assert topic in README
