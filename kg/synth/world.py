"""The people and dates a corpus talks about, drawn once per seed from the vocabulary."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from kg.errors import PatternError
from kg.synth.vocabulary import CountryRow, lexicon

VOWELS = tuple("aeiouyéèêâîôûhAEIOUYÉÈÊÂÎÔÛH")


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    title: str
    gender: str  # "m" or "f"
    post: str

    @property
    def det_title(self) -> str:
        """The title with its article: "le Premier ministre", "l'ambassadrice ..."."""
        if self.title.startswith(VOWELS):
            return "l'" + self.title
        return ("la " if self.gender == "f" else "le ") + self.title

    def agree(self, word: str) -> str:
        """Past participle agreement: "reçu" -> "reçue" for a woman."""
        return word + "e" if self.gender == "f" else word


@dataclass
class World:
    """Everyone and everything a corpus talks about, drawn once per seed."""

    countries: tuple[CountryRow, ...]
    vn: dict[str, list[Person]]
    foreign: dict[str, dict[str, Person]]
    envoys: dict[str, Person]
    relations: dict[str, date]


def _vn_name(rng: random.Random, words: dict[str, tuple[str, ...]], gender: str) -> str:
    middle = words["VN.middle_f" if gender == "f" else "VN.middle_m"]
    given = words["VN.given_f" if gender == "f" else "VN.given_m"]
    return f"{rng.choice(words['VN.family'])} {rng.choice(middle)} {rng.choice(given)}"


def build_world(rng: random.Random) -> World:
    lex = lexicon()
    words = lex.words
    used: set[str] = set()

    def unique(make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in used:
                used.add(name)
                return name
        raise PatternError("kg/synth/vocab/lexicon.tsv: too few names to draw from")

    def fill(template: str, c: CountryRow | None) -> str:
        if c is None:
            return template
        return template.format(adj_m=c.adj_m, adj_f=c.adj_f, of=c.of_form, **{"in": c.in_form})

    vn: dict[str, list[Person]] = {}
    foreign: dict[str, dict[str, Person]] = {c.iso2: {} for c in lex.countries}
    envoys: dict[str, Person] = {}
    for t in lex.titles:
        if t.side == "vn":
            for _ in range(t.count):
                g = "f" if rng.random() < 0.2 else "m"
                name = unique(partial(_vn_name, rng, words, g))
                title = t.fem if g == "f" else t.masc
                vn.setdefault(t.post, []).append(Person(name, "VN", title, g, t.post))
        for c in lex.countries:
            g = "f" if rng.random() < 0.25 else "m"
            title = fill(t.fem if g == "f" else t.masc, c)
            if t.side == "envoy":
                name = unique(partial(_vn_name, rng, words, g))
                envoys[c.iso2] = Person(name, "VN", title, g, t.post)
            elif t.side == "foreign":
                given, family = words[f"{c.iso2}.given"], words[f"{c.iso2}.family"]
                name = unique(partial(_foreign_name, rng, c, given, family))
                foreign[c.iso2][t.post] = Person(name, c.iso2, title, g, t.post)
    relations = {}
    for c in lex.countries:
        if c.relations_date:
            relations[c.iso2] = date.fromisoformat(c.relations_date)
        else:
            relations[c.iso2] = date(
                rng.randint(1950, 1995), rng.randint(1, 12), rng.randint(1, 28)
            )
    return World(lex.countries, vn, foreign, envoys, relations)


def _foreign_name(
    rng: random.Random, c: CountryRow, given: tuple[str, ...], family: tuple[str, ...]
) -> str:
    if c.iso2 in ("CN", "KR"):  # family name first
        return f"{rng.choice(family)} {rng.choice(given)}"
    return f"{rng.choice(given)} {rng.choice(family)}"
