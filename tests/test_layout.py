"""The house holds together: no import cycle inside ``kg/``, the query side imports no build
side, and every module a package lists exists."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "kg"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The ``kg`` modules ``path`` imports at run time, at any depth of its code (lazy imports
    count; imports under ``if TYPE_CHECKING:`` are for the type checker only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


def import_graph() -> nx.DiGraph:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    graph = nx.DiGraph()
    for path in paths:
        source = module_name(path)
        graph.add_node(source)
        for target in imports_of(path, modules):
            # a package's __init__ re-exporting its own modules is not a cycle of the design
            if target != source and not target.startswith(source + "."):
                graph.add_edge(source, target)
    return graph


def test_no_import_cycle_inside_kg() -> None:
    graph = import_graph()
    assert len(graph) > 40
    cycles = list(nx.simple_cycles(graph))
    assert cycles == [], f"import cycles: {cycles[:5]}"


def test_the_import_walk_sees_edges() -> None:
    # guard: the walk above really reads imports (else it would find no cycle trivially)
    graph = import_graph()
    assert graph.has_edge("kg.pipeline", "kg.resolve.stage")
    assert graph.has_edge("kg.api.graph", "kg.names")


def test_loading_a_built_graph_imports_no_build_side() -> None:
    code = (
        "import sys, kg\n"
        f"graph = kg.KnowledgeGraph.load({str(ROOT / 'exports')!r})\n"
        "graph.entity('Chine'); graph.receptions(); graph.partnership('VN', 'KR')\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
    )
    build_side = {"kg.read", "kg.extract", "kg.nlp", "kg.lexicon", "kg.pipeline", "kg.resolve"}
    assert not {m for m in loaded if m.split(".")[0:2] and ".".join(m.split(".")[:2]) in build_side}
    assert not {"spacy", "wordfreq"} & loaded
    assert "kg.api.graph" in loaded


def test_facts_follow_the_table_of_fact_types() -> None:
    from pydantic import ValidationError

    from kg.model import Actor, Evidence, Fact

    ev = Evidence(article="a", doc="d", section="main", sentence="s", span=(0, 1))
    a = Actor(id="person:a", name="A", kind="person")
    b = Actor(id="person:b", name="B", kind="person")
    fact = Fact(
        type="reception", roles={"host": a, "guest": b}, evidence=ev, rule="r", confidence=1
    )
    assert fact.roles["host"] == (a,)
    with pytest.raises(ValidationError, match="no role 'hots'"):
        Fact(type="reception", roles={"hots": a}, evidence=ev, rule="r", confidence=1)
    with pytest.raises(ValidationError, match="one actor"):
        Fact(type="reception", roles={"host": (a, b)}, evidence=ev, rule="r", confidence=1)


def test_data_file_errors_name_the_file_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import datafiles
    from kg.errors import PatternError

    class Two(datafiles.Row):
        a: str
        b: int

    text = "# a comment\na\tb\n\n1\t2\n# another comment\n3\tx\n"
    monkeypatch.setattr(datafiles, "read_text", lambda name, package="": text)
    with pytest.raises(PatternError, match=r"t\.tsv:6:"):
        datafiles.tsv("t.tsv", Two)
