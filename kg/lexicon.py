"""Lexicons kept as data files under ``kg/patterns``, validated when loaded.

Every rule the extractors use that is a list of words (countries, demonyms, titles,
organisations, cities, triggers, partnership phrasings) lives in a UTF-8 file here, so that
adding a title or a trigger is a data change.  A malformed row fails at load time with
:class:`kg.errors.PatternError` naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from kg.countries import CountryForm, country_forms, french_names, wikidata
from kg.datafiles import Row
from kg.datafiles import jsonl as _jsonl
from kg.datafiles import tsv as _tsv
from kg.datafiles import wordlist as _wordlist
from kg.errors import PatternError
from kg.textutil import fold, trie_regex

_TERM_DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"


class Organization(Row):
    acronym: str
    name: str
    country: str
    kind: str


class Title(Row):
    form: str
    role: str


class RoleRule(Row):
    pattern: str
    role: str


class City(Row):
    form: str
    id: str
    country: str


class NumberWord(Row):
    word: str
    value: int


class Trigger(Row):
    """One trigger of a fact rule: a regex over folded text (lowercase, no accents)."""

    type: str
    rule: str
    pattern: str
    attributes: dict[str, str | int | bool] = Field(default_factory=dict)
    confidence: float = 0.8


class Coreference(Row):
    """A phrase that stands for persons of the page's event frame ("les deux dirigeants")."""

    pattern: str
    refers: Literal["pair", "topic", "other", "country"]
    note: str = ""


class Cue(Row):
    """A named cue of the fact rules ("planned": "devrait", "selon le programme")."""

    cue: str
    pattern: str
    note: str = ""


class OfficeTerm(Row):
    """A post held from ``start`` to ``end`` (empty: still held), with its source.

    ``start`` and ``end`` are ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the source is no
    more precise; ``aliases`` are other spellings of the name, ``|``-separated.
    """

    name: str
    role: str
    country: str
    start: Annotated[str, StringConstraints(pattern=_TERM_DATE)]
    end: Annotated[str, StringConstraints(pattern=_TERM_DATE + "|^$")] = ""
    aliases: str = ""
    source: str


class PartnershipLevel(Row):
    pattern: str
    level: str
    label: str
    #: the phrase names a framework only when written capitalised ("Partenariat pour ...")
    named_only: bool = False


def _boundary_regex(forms: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + trie_regex(forms) + r")(?!\w)")


@dataclass(frozen=True)
class Lexicon:
    """All lexicons, loaded once (see :func:`lexicon`)."""

    country_forms: dict[str, tuple[CountryForm, ...]]
    country_regex: re.Pattern[str]
    prefix_regex: re.Pattern[str]
    organizations: dict[str, Organization]
    org_regex: re.Pattern[str]
    org_names: dict[str, str]
    org_name_regex: re.Pattern[str]
    titles: dict[str, Title]
    title_regex: re.Pattern[str]
    role_rules: tuple[RoleRule, ...]
    cities: dict[str, City]
    city_regex: re.Pattern[str]
    numbers: dict[str, int]
    honorifics: frozenset[str]
    name_stopwords: frozenset[str]
    name_leading_stopwords: frozenset[str]
    name_particles: frozenset[str]
    triggers: dict[str, tuple[tuple[Trigger, re.Pattern[str]], ...]]
    partnership_levels: tuple[tuple[PartnershipLevel, re.Pattern[str]], ...]
    coreference: tuple[tuple[Coreference, re.Pattern[str]], ...]
    cues: dict[str, re.Pattern[str]]
    country_names: dict[str, str]
    country_display: dict[str, str]
    #: country codes that stand for an international organisation ("EU": the Union
    #: européenne of organizations.tsv), mapped to its ``ORG:`` code
    org_countries: dict[str, str]
    wikidata: dict[str, str]
    office_terms: tuple[OfficeTerm, ...]


@cache
def lexicon() -> Lexicon:
    """Load and compile every pattern file (cached: built once per process)."""
    forms = country_forms()
    by_form: dict[str, list[CountryForm]] = {}
    names: dict[str, str] = {}
    for row in forms:
        if row.kind == "display":
            continue
        if row.kind == "prefix":
            continue
        by_form.setdefault(fold(row.form), []).append(row)
        if row.kind == "name":
            names.setdefault(row.iso2, row.form)
    prefixes = [fold(r.form) for r in forms if r.kind == "prefix"]
    prefix_map = {fold(r.form): r for r in forms if r.kind == "prefix"}
    for key, row in prefix_map.items():
        by_form.setdefault(key, []).append(row)
    orgs = _tsv("organizations.tsv", Organization)
    titles = _tsv("titles.tsv", Title)
    cities = _tsv("cities.tsv", City)
    triggers: dict[str, list[tuple[Trigger, re.Pattern[str]]]] = {}
    for trig in _jsonl("triggers.jsonl", Trigger):
        try:
            compiled = re.compile(trig.pattern)
        except re.error as e:
            raise PatternError(f"kg/patterns/triggers.jsonl: rule {trig.rule}: {e}") from e
        triggers.setdefault(trig.type, []).append((trig, compiled))
    levels = []
    for lvl in _jsonl("partnership_levels.jsonl", PartnershipLevel):
        try:
            levels.append((lvl, re.compile(lvl.pattern)))
        except re.error as e:
            raise PatternError(f"kg/patterns/partnership_levels.jsonl: {lvl.label}: {e}") from e
    corefs = []
    for ref in _jsonl("coreference.jsonl", Coreference):
        try:
            corefs.append((ref, re.compile(ref.pattern)))
        except re.error as e:
            raise PatternError(f"kg/patterns/coreference.jsonl: {ref.pattern}: {e}") from e
    cue_forms: dict[str, list[str]] = {}
    for cue in _jsonl("cues.jsonl", Cue):
        try:
            re.compile(cue.pattern)
        except re.error as e:
            raise PatternError(f"kg/patterns/cues.jsonl: {cue.cue}: {e}") from e
        cue_forms.setdefault(cue.cue, []).append(cue.pattern)
    return Lexicon(
        coreference=tuple(corefs),
        cues={k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in cue_forms.items()},
        country_forms={k: tuple(v) for k, v in by_form.items()},
        country_regex=_boundary_regex([f for f in by_form if not f.endswith("-")]),
        prefix_regex=re.compile(r"(?<![\w-])(?:" + trie_regex(prefixes) + r")(?=\w)"),
        organizations={o.acronym: o for o in orgs},
        org_regex=re.compile(r"(?<![\w])(?:" + trie_regex([o.acronym for o in orgs]) + r")(?!\w)"),
        org_names={fold(o.name): o.acronym for o in orgs},
        org_name_regex=_boundary_regex([fold(o.name) for o in orgs]),
        titles={fold(t.form): t for t in titles},
        title_regex=_boundary_regex([fold(t.form) for t in titles]),
        role_rules=_tsv("role_rules.tsv", RoleRule),
        cities={fold(c.form): c for c in cities},
        city_regex=_boundary_regex([fold(c.form) for c in cities]),
        numbers={n.word: n.value for n in _tsv("numbers.tsv", NumberWord)},
        honorifics=_wordlist("honorifics.txt"),
        name_stopwords=_wordlist("name_stopwords.txt"),
        name_leading_stopwords=_wordlist("name_leading_stopwords.txt"),
        name_particles=_wordlist("name_particles.txt"),
        triggers={k: tuple(v) for k, v in triggers.items()},
        partnership_levels=tuple(levels),
        country_names=names,
        country_display=french_names(),
        org_countries={
            row.iso2: f"ORG:{o.acronym}"
            for o in orgs
            if o.country == "ORG"
            for row in forms
            if row.kind == "name" and fold(row.form) == fold(o.name)
        },
        office_terms=_tsv("office_terms.tsv", OfficeTerm),
        wikidata=wikidata(),
    )
