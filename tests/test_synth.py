"""kg.synth: deterministic pages in the seed format, with exact gold."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.model import FACT_TYPES
from kg.synth import generate

LEVELS = {
    "comprehensive_strategic_cooperative_partnership",
    "comprehensive_strategic_partnership",
    "strategic_partnership",
    "comprehensive_partnership",
    "special_relationship",
    "traditional_friendship",
    "other",
}
DATE = re.compile(r"(\d{4}|-)-\d{2}-\d{2}|\d{4}-\d{2}")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("synth")
    paths = generate(50, seed=7, out=out)
    golds = [json.loads((out / "gold" / f"{p.stem}.json").read_text("utf-8")) for p in paths]
    return paths, golds


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.*"))}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate(30, seed=3, out=tmp_path / "a")
    b = generate(30, seed=3, out=tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_different_seed_different_pages(tmp_path: Path) -> None:
    a = generate(10, seed=3, out=tmp_path / "a")
    b = generate(10, seed=4, out=tmp_path / "b")
    assert {p.read_bytes() for p in a}.isdisjoint({p.read_bytes() for p in b})


def test_file_names(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    paths, golds = corpus
    assert len(paths) == 50
    for n, (path, gold) in enumerate(zip(paths, golds, strict=True)):
        assert re.fullmatch(rf"{n:05d}_[0-9a-f]{{16}}\.txt", path.name)
        assert gold["article"] == path.name
        assert gold["source"] == "synthetic"
        assert list(gold) == ["article", "source", "persons", "facts", "skipped"]


def test_page_format(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    paths, _ = corpus
    photo_lines = 0
    for path in paths:
        text = path.read_text("utf-8")
        main, _, teasers = text.partition("\n\nVoir plus\n\n")
        assert teasers, path.name
        assert re.search(r"-VNA(\n\nsource)?$", main), path.name
        assert "(VNA)" in main
        photo_lines += "ảnh 1" in main
        blocks = teasers.split("\n\n")
        assert len(blocks) % 3 == 0 and len(blocks) >= 15, path.name
        assert all(block.strip() and "\n" not in block for block in blocks)
        assert not text.endswith("\n")
    assert photo_lines > 25


def test_gold_spans_exact(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    paths, golds = corpus
    for path, gold in zip(paths, golds, strict=True):
        text = path.read_text("utf-8")
        for item in gold["facts"] + gold["skipped"]:
            start, end = item["span"]
            assert text[start:end] == item["evidence"], (path.name, item)
            for also in item.get("evidence_also", []):
                assert text[also["span"][0] : also["span"][1]] == also["evidence"]
            assert re.fullmatch(r"main|teaser-[1-9]\d*", item["section"])


def test_gold_follows_spec(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    _, golds = corpus
    for gold in golds:
        persons = {p["name"]: p for p in gold["persons"]}
        assert len(persons) == len(gold["persons"]), "one entry per person"
        for p in gold["persons"]:
            assert re.fullmatch(r"[A-Z]{2}|ORG:.+", p["country"]) and p["title"]
        for f in gold["facts"]:
            assert f["type"] in FACT_TYPES
            named = [f.get(k) for k in ("host", "guest", "visitor") if k in f]
            named += f.get("participants", [])
            assert all(n in persons for n in named), f
            for code in f.get("parties", []) + f.get("countries", []) + [f.get("destination")]:
                assert code is None or re.fullmatch(r"[A-Z]{2}", code)
            if f["type"] == "partnership":
                assert f["level"] in LEVELS and f["label"]
            if f["type"] == "visit":
                assert f["kind"] in {"state", "official", "working", "courtesy", "unspecified"}
                assert f.get("status") in (None, "planned")
            if f["type"] == "agreement":
                assert f["status"] in {"planned", "signed", "issued", "existing"}
            date = f.get("date")
            for value in [date] if isinstance(date, str) else (date or {}).values():
                assert DATE.fullmatch(value), f


def test_every_fact_type_in_50_pages(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    _, golds = corpus
    types = Counter(f["type"] for g in golds for f in g["facts"])
    assert set(types) == set(FACT_TYPES), types
    facts = [f for g in golds for f in g["facts"]]
    assert any(f.get("status") == "planned" for f in facts if f["type"] == "visit")
    assert any(f.get("mode") == "online" for f in facts)
    assert any(f.get("event") == "upgrade" for f in facts)
    assert any("anniversary_years" in f for f in facts)
    assert any(isinstance(f.get("date"), dict) for f in facts)
    assert any(f.get("count", 0) > 1 for f in facts if f["type"] == "agreement")
    assert {f["kind"] for f in facts if f["type"] == "visit"} >= {"state", "official", "working"}
    assert len({f["level"] for f in facts if f["type"] == "partnership"}) >= 4


def test_trigger_wordings_present(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    paths, _ = corpus
    text = "\n".join(p.read_text("utf-8") for p in paths)
    for phrase in (
        "a reçu", "reçoit", "Recevant", "a été reçu", "se rendra", "effectuera",
        "a rencontré", "s'est entretenu", "Voir plus", "Photo : VNA", "ảnh 1",
    ):  # fmt: skip
        assert phrase in text, phrase
    assert re.search(r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf) (accords|protocoles)", text)
    assert re.search(r"\b\d+ accords", text)
    assert re.search(r"les (1er|\d+) et \d+ \w+", text)
    assert re.search(r"du \d+ \w+ au 1er \w+ \d{4}|du \d+ au \d+ \w+", text)


def test_teasers_shared_between_pages(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    paths, golds = corpus
    owners: dict[str, set[str]] = {}
    for path in paths:
        teasers = path.read_text("utf-8").partition("\n\nVoir plus\n\n")[2].split("\n\n")
        for i in range(0, len(teasers), 3):
            owners.setdefault("\n".join(teasers[i : i + 3]), set()).add(path.name)
    shared = [t for t, pages in owners.items() if len(pages) > 1]
    assert len(shared) >= 5
    # A shared teaser is annotated on each page that carries it.
    by_page = {g["article"]: g for g in golds}
    lede = shared[0].split("\n")[2]
    evidences = [
        {f["evidence"] for f in by_page[name]["facts"] + by_page[name]["skipped"]}
        for name in sorted(owners[shared[0]])
    ]
    assert all((lede in e) == (lede in evidences[0]) for e in evidences)


def test_damage_kinds_present(corpus: tuple[list[Path], list[dict[str, Any]]]) -> None:
    paths, golds = corpus
    text = "\n".join(p.read_text("utf-8") for p in paths)
    assert re.search(r"\n\n(e|a) [a-zé-]+", text), "lost drop cap on a teaser caption"
    assert re.search(r"ảnh 1[A-ZÀ-Ý]", text), "photo marker glued to its caption"
    # The body repeats the lede with spaces lost: same text once the spaces are removed.
    glued = [
        (f["evidence"], also["evidence"])
        for g in golds
        for f in g["facts"]
        for also in f.get("evidence_also", [])
        if also["evidence"] != f["evidence"]
        and also["evidence"].replace(" ", "") == f["evidence"].replace(" ", "")
    ]
    assert glued, "no glued words"
    assert re.search(r"\b(la|le|de|du|des|en|au)[A-ZÉ][a-zé]+", text), "« laDéfense » kind"
    assert re.search(r"\b(de|la|le)(son|sa|la|le|coopération|ministre)\b", text)
    assert "\u00a0" in text, "no-break space"
    # Names and titles in the gold are the repaired forms.
    for g in golds:
        for p in g["persons"]:
            assert "  " not in p["name"] and not re.search(r"[a-z][A-Z]", p["name"])


def test_generator_apart_from_the_core() -> None:
    """No library module imports kg.synth (only the CLI's ``kg synth`` command may), and its
    vocabulary lives in the package, not among the extractors' pattern files."""
    import ast

    import kg
    import kg.synth

    root = Path(kg.__file__).parent
    importers = []
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        if module.startswith(("synth/", "cli")):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n == "kg.synth" or n.startswith("kg.synth.") for n in names):
                importers.append(module)
    assert importers == []
    vocab = Path(kg.synth.__file__).parent / "vocab"
    assert {p.name for p in vocab.glob("*.tsv")} == {
        "countries.tsv", "levels.tsv", "lexicon.tsv", "titles.tsv",
    }  # fmt: skip
    assert not list((root / "patterns").glob("synth_*"))
