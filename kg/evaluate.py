"""Scoring extraction against the gold annotations (``tests/gold``, spec in its README).

Facts are compared by their natural key (reception: host, guest; visit: visitor,
destination; meeting: each unordered pair of participants; agreement: the set of parties;
partnership: countries and level; diplomatic relations: the countries).  Person names match
after folding accents, case and punctuation, and a shorter name matches a longer one when all
its tokens (at least two) are in it, and a gold person's ``aliases`` (spec section 8) match
like its name.  Each gold fact is matched to at most one extracted fact:
precision, recall and F1 are micro-averaged over facts, per type and overall; persons are
scored with their country.  The planned status (spec section 8) is scored apart, over the
matched facts.  A page that cannot be read counts as a page where nothing was found, with its
reason in :attr:`Report.messages`; the evaluation goes on.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.extract.page import extract_page
from kg.model import FACT_TYPES, Actor, Fact
from kg.resolve.stage import page_facts, resolve_build
from kg.tables.text import text_table
from kg.textutil import names_match


@dataclass(frozen=True)
class Score:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0 if not self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0 if not self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    per_type: dict[str, Score]
    micro: Score
    persons: Score
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: pages that could not be read: their gold facts count as misses
    messages: list[str] = field(default_factory=list)
    #: among matched facts that can be planned: is ``status == "planned"`` right
    planned: Score = field(default_factory=lambda: Score(0, 0, 0))

    def table(self) -> str:
        rows = [("type", "P", "R", "F1", "tp", "pred", "gold")]
        for name, score in [
            *self.per_type.items(),
            ("micro", self.micro),
            ("persons+country", self.persons),
        ]:
            rows.append(
                (
                    name,
                    f"{score.precision:.3f}",
                    f"{score.recall:.3f}",
                    f"{score.f1:.3f}",
                    str(score.tp),
                    str(score.predicted),
                    str(score.gold),
                )
            )
        lines = [text_table(rows[0], rows[1:], right=range(1, 7))]
        planned = self.planned
        lines.append(
            f"planned status (matched facts): P {planned.precision:.3f}  R {planned.recall:.3f}"
            f"  F1 {planned.f1:.3f}  ({planned.tp}/{planned.predicted} predicted,"
            f" {planned.gold} gold)"
        )
        lines.extend(f"unreadable: {m}" for m in self.messages)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "per_type": {k: v.as_dict() for k, v in self.per_type.items()},
            "micro": self.micro.as_dict(),
            "persons": self.persons.as_dict(),
            "planned": self.planned.as_dict(),
            "messages": self.messages,
            "errors": self.errors,
        }


def _code(actor: Actor) -> str:
    if actor.kind == "place":
        return f"CITY:{actor.name}"
    if actor.kind == "organization":
        return f"ORG:{actor.name}"
    return actor.country or actor.name


def _units_pred(fact: Fact) -> list[tuple[str, tuple[Any, ...]]]:
    def one(role: str) -> Actor:
        return fact.roles[role][0]

    def many(role: str) -> tuple[Actor, ...]:
        return fact.roles[role]

    if fact.type == "reception":
        return [("reception", (one("host").name, one("guest").name))]
    if fact.type == "visit":
        return [("visit", (one("visitor").name, one("destination").country))]
    if fact.type == "meeting":
        people = [a.name for a in many("participants")]
        return [("meeting", (a, b)) for i, a in enumerate(people) for b in people[i + 1 :]]
    if fact.type == "agreement":
        return [("agreement", (frozenset(_code(a) for a in many("parties")),))]
    if fact.type == "partnership":
        return [
            (
                "partnership",
                (frozenset(_code(a) for a in many("parties")), fact.attributes.get("level")),
            )
        ]
    return [("diplomatic_relations", (frozenset(_code(a) for a in many("parties")),))]


def _units_gold(fact: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    kind = fact["type"]
    if kind == "reception":
        return [(kind, (fact["host"], fact["guest"]))]
    if kind == "visit":
        return [(kind, (fact["visitor"], fact["destination"]))]
    if kind == "meeting":
        people = fact["participants"]
        return [(kind, (a, b)) for i, a in enumerate(people) for b in people[i + 1 :]]
    if kind == "agreement":
        return [(kind, (frozenset(fact["parties"]),))]
    if kind == "partnership":
        return [(kind, (frozenset(fact["countries"]), fact["level"]))]
    return [(kind, (frozenset(fact["countries"]),))]


def _same(
    kind: str,
    gold: tuple[Any, ...],
    pred: tuple[Any, ...],
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> bool:
    forms = aliases or {}

    def person(g: str, p: str) -> bool:
        return any(names_match(form, p) for form in forms.get(g, (g,)))

    if kind == "reception":
        return person(gold[0], pred[0]) and person(gold[1], pred[1])
    if kind == "visit":
        return person(gold[0], pred[0]) and gold[1] == pred[1]
    if kind == "meeting":
        return (person(gold[0], pred[0]) and person(gold[1], pred[1])) or (
            person(gold[0], pred[1]) and person(gold[1], pred[0])
        )
    return gold == pred


def _match(
    gold: list[tuple[str, tuple[Any, ...]]],
    pred: list[tuple[str, tuple[Any, ...]]],
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> tuple[list[int], list[int]]:
    """Greedy one-to-one matching; returns unmatched gold and unmatched predicted indices."""
    missed, spurious, _ = _pairs(gold, pred, aliases)
    return missed, spurious


def _pairs(
    gold: list[tuple[str, tuple[Any, ...]]],
    pred: list[tuple[str, tuple[Any, ...]]],
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Greedy one-to-one matching: unmatched gold, unmatched predicted, matched pairs."""
    used: set[int] = set()
    missed = []
    matched = []
    for gi, (kind, key) in enumerate(gold):
        for pi, (pkind, pkey) in enumerate(pred):
            if pi not in used and pkind == kind and _same(kind, key, pkey, aliases):
                used.add(pi)
                matched.append((gi, pi))
                break
        else:
            missed.append(gi)
    return missed, [i for i in range(len(pred)) if i not in used], matched


def _aliases(persons: list[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Each gold person's name and its other spellings (spec section 8: either is right)."""
    return {p["name"]: (p["name"], *p.get("aliases", ())) for p in persons}


def evaluate(gold_dir: str | Path, pages_dir: str | Path | None = None) -> Report:
    """Run extraction on the pages of the gold and score it."""
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise KgError(f"{gold_dir}: no gold file (*.json)")
    if pages_dir is None:
        candidates = [gold_dir.parent.parent / "seeds", gold_dir.parent, Path("seeds")]
        pages_dir = next(
            (
                c
                for c in candidates
                if (c / json.loads(files[0].read_text("utf-8"))["article"]).exists()
            ),
            Path("seeds"),
        )
    pages_dir = Path(pages_dir)
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    person_scores = [0, 0, 0]
    errors: list[dict[str, Any]] = []
    messages: list[str] = []
    planned = [0, 0, 0]
    for gold_file in files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        page = pages_dir / gold["article"]
        gold_units = [u for f in gold["facts"] for u in _units_gold(f)]
        gold_planned = [f.get("status") == "planned" for f in gold["facts"] for _ in _units_gold(f)]
        try:
            extraction = extract_page(page)
        except KgError as e:
            # An unreadable page scores as a page where nothing was found.
            messages.append(str(e))
            for kind, key in gold_units:
                n_gold[kind] += 1
                errors.append(
                    {"article": gold["article"], "error": "missed", "type": kind, "key": _show(key)}
                )
            person_scores[2] += len(gold["persons"])
            continue
        facts = page_facts(extraction)
        pred_units = [u for f in facts for u in _units_pred(f)]
        pred_evidence = [f.evidence.sentence for f in facts for _ in _units_pred(f)]
        pred_planned = [
            f.attributes.get("status") == "planned" for f in facts for _ in _units_pred(f)
        ]
        missed, spurious, matched = _pairs(gold_units, pred_units, _aliases(gold["persons"]))
        for gi, pi in matched:
            planned[0] += gold_planned[gi] and pred_planned[pi]
            planned[1] += pred_planned[pi]
            planned[2] += gold_planned[gi]
            if gold_planned[gi] != pred_planned[pi]:
                errors.append(
                    {
                        "article": gold["article"],
                        "error": "planned" if gold_planned[gi] else "not planned",
                        "type": gold_units[gi][0],
                        "key": _show(gold_units[gi][1]),
                        "evidence": pred_evidence[pi][:160],
                    }
                )
        for kind, _ in gold_units:
            n_gold[kind] += 1
        for kind, _ in pred_units:
            n_pred[kind] += 1
        for i, (kind, _) in enumerate(gold_units):
            if i not in missed:
                tp[kind] += 1
        for i in missed:
            errors.append(
                {
                    "article": gold["article"],
                    "error": "missed",
                    "type": gold_units[i][0],
                    "key": _show(gold_units[i][1]),
                }
            )
        for i in spurious:
            errors.append(
                {
                    "article": gold["article"],
                    "error": "spurious",
                    "type": pred_units[i][0],
                    "key": _show(pred_units[i][1]),
                    "evidence": pred_evidence[i][:160],
                }
            )
        entities = [e for e in resolve_build([extraction]).entities if e.kind == "person"]
        gold_persons = gold["persons"]
        used: set[int] = set()
        hits = 0
        for person in gold_persons:
            for i, entity in enumerate(entities):
                names = (entity.name, *entity.aliases)
                forms = (person["name"], *person.get("aliases", ()))
                if (
                    i not in used
                    and any(names_match(f, n) for f in forms for n in names)
                    and entity.country == person["country"]
                ):
                    used.add(i)
                    hits += 1
                    break
            else:
                errors.append(
                    {
                        "article": gold["article"],
                        "error": "person",
                        "key": f"{person['name']} {person['country']}",
                    }
                )
        for i, entity in enumerate(entities):
            if i not in used:
                errors.append(
                    {
                        "article": gold["article"],
                        "error": "spurious person",
                        "key": f"{entity.name} {entity.country}",
                    }
                )
        person_scores[0] += hits
        person_scores[1] += len(entities)
        person_scores[2] += len(gold_persons)
    per_type = {t: Score(tp[t], n_pred[t], n_gold[t]) for t in FACT_TYPES}
    micro = Score(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return Report(
        per_type=per_type,
        micro=micro,
        persons=Score(*person_scores),
        errors=errors,
        messages=messages,
        planned=Score(*planned),
    )


def _show(key: Iterable[Any]) -> str:
    return " | ".join(", ".join(sorted(k)) if isinstance(k, frozenset) else str(k) for k in key)
