"""The generator's vocabulary: ``kg/synth/vocab/*.tsv``, validated row by row."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.datafiles import Row, T, tsv


class CountryRow(Row):
    iso2: str
    name: str
    with_article: str
    in_form: str
    of_form: str
    adj_m: str
    adj_f: str
    capital: str
    level: str
    level_date: str
    relations_date: str


class TitleRow(Row):
    post: str
    side: str
    count: int
    masc: str
    fem: str


class LevelRow(Row):
    level: str
    iso2: str
    phrase: str


class LexiconRow(Row):
    group: str
    values: str


def _read_tsv(name: str, model: type[T]) -> list[T]:
    return list(tsv(name, model, package="kg.synth.vocab"))


@dataclass(frozen=True)
class Lexicon:
    countries: tuple[CountryRow, ...]
    titles: tuple[TitleRow, ...]
    levels: tuple[LevelRow, ...]
    words: dict[str, tuple[str, ...]]

    def phrases(self, level: str, iso2: str) -> tuple[str, ...]:
        own = tuple(r.phrase for r in self.levels if r.level == level and r.iso2 == iso2)
        return own or tuple(r.phrase for r in self.levels if r.level == level and r.iso2 == "*")


@cache
def lexicon() -> Lexicon:
    words = {r.group: tuple(r.values.split("|")) for r in _read_tsv("lexicon.tsv", LexiconRow)}
    return Lexicon(
        countries=tuple(_read_tsv("countries.tsv", CountryRow)),
        titles=tuple(_read_tsv("titles.tsv", TitleRow)),
        levels=tuple(_read_tsv("levels.tsv", LevelRow)),
        words=words,
    )
