"""Passages (a sentence, title or caption with its facts), stories, and French dates."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kg.dates import MONTH_NAMES as MONTHS
from kg.synth.world import Person

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NUMBER_WORDS = {
    1: "un",
    2: "deux",
    3: "trois",
    4: "quatre",
    5: "cinq",
    6: "six",
    7: "sept",
    8: "huit",
    9: "neuf",
    10: "dix",
    11: "onze",
    12: "douze",
    15: "quinze",
    20: "vingt",
}
VISIT_KINDS = {
    "state": "visite d'État",
    "official": "visite officielle",
    "working": "visite de travail",
    "courtesy": "visite de courtoisie",
}


@dataclass
class Passage:
    """One sentence, title or caption, with the facts it states and the names it writes."""

    kind: str  # title | lede | caption | body
    text: str = ""
    facts: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[Person] = field(default_factory=list)

    def who(self, p: Person, style: str = "det") -> str:
        """Write a person: "det" = "le ministre X", "comma" = "le ministre, X,", "name",
        "name_title" = "X, ministre ...", "Det"/"Comma" capitalised."""
        self.mentions.append(p)
        if style == "name":
            return p.name
        if style == "name_title":
            return f"{p.name}, {p.title}"
        text = (
            f"{p.det_title}, {p.name}," if style.lower() == "comma" else f"{p.det_title} {p.name}"
        )
        return cap(text) if style[0].isupper() else text

    def fact(self, key: str, /, **fields: Any) -> None:
        self.facts.append({"_event": key, **{k: v for k, v in fields.items() if v is not None}})

    def skip(self, type_: str, reason: str) -> None:
        self.skipped.append({"type": type_, "reason": reason})


@dataclass
class Story:
    """An article before layout: used whole as a main article, or cut down to a teaser."""

    title: Passage
    lede: Passage
    caption: Passage | None
    credit: str
    body: list[list[Passage]]
    place: str = "Hanoï"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class When:
    text: str
    value: Any = None  # "--MM-DD", "YYYY-MM-DD", "YYYY-MM" or {"start", "end"}
    date_text: str | None = None


def _iso(d: date, with_year: bool) -> str:
    return d.isoformat() if with_year else f"--{d.month:02d}-{d.day:02d}"


def day_text(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def when(rng: random.Random, year: int, forms: str = "day") -> When:
    """A date expression and its gold value; ``forms`` picks the family (day | range | month)."""
    d = date(year, rng.randint(1, 12), rng.randint(1, 28))
    m = MONTHS[d.month - 1]
    if forms == "month":
        return When(f"en {m} {year}", f"{year}-{d.month:02d}")
    if forms == "range":
        end = d + timedelta(days=rng.randint(1, 4))
        kind = rng.random()
        if kind < 0.4:
            if end.month != d.month:
                text = f"du {day_text(d)} {m} au {day_text(end)} {MONTHS[end.month - 1]} {year}"
            else:
                text = f"du {day_text(d)} au {day_text(end)} {m} {year}"
            return When(text, {"start": _iso(d, True), "end": _iso(end, True)})
        if kind < 0.7 or end.month != d.month:
            end_m = f" {MONTHS[end.month - 1]}" if end.month != d.month else ""
            text = (
                f"du {day_text(d)}{' ' + m if end_m else ''} au {day_text(end)}{end_m or ' ' + m}"
            )
            return When(text, {"start": _iso(d, False), "end": _iso(end, False)})
        end = d + timedelta(days=1)
        text = f"les {day_text(d)} et {day_text(end)} {m}"
        return When(text, {"start": _iso(d, False), "end": _iso(end, False)})
    kind = rng.random()
    if kind < 0.5:
        return When(f"le {day_text(d)} {m}", _iso(d, False))
    if kind < 0.75:
        return When(f"le {day_text(d)} {m} {year}", _iso(d, True))
    wd = WEEKDAYS[d.weekday()]
    if kind < 0.88:
        return When(f"ce {wd} {day_text(d)} {m}", _iso(d, False))
    return When(wd, None, wd)


def when_fields(w: When) -> dict[str, Any]:
    return {"date": w.value, "date_text": w.date_text}


def count_text(rng: random.Random, n: int) -> str:
    return NUMBER_WORDS[n] if n in NUMBER_WORDS and (n < 10 or rng.random() < 0.3) else str(n)
