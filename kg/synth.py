"""Synthetic news pages in the VNA seed format, each with its gold annotation.

``generate(pages, seed=..., out=...)`` writes ``NNNNN_<hash>.txt`` pages (title, lede, photo line
with its ``ảnh 1`` marker, body ending in ``-VNA``, ``Voir plus`` and three-line teasers) and, in
``out/gold/``, one JSON file per page in the format of ``tests/gold`` (see its README): persons,
facts with evidence and exact spans, skipped hard negatives. Teasers come from a pool shared by
neighbouring pages, like the seeds. Scraping damage is reproduced: words glued at random word
boundaries in some bodies, a lost drop cap on some teaser captions, ``ảnh N`` photo markers glued
to their caption, no-break spaces. The gold always holds the repaired names and titles and the
damaged evidence, byte for byte.

The output depends only on ``seed`` (one ``random.Random``, lists iterated in file order), so two
runs with the same seed give byte-identical files. The vocabulary lives in
``kg/patterns/synth_*.tsv``.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kg.errors import PatternError

__all__ = ["generate"]

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
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
# Words after which scraping most often lost the space ("deson", "laDéfense", "leministre").
GLUE_PRONE = frozenset("de la le les du des l' a et son sa ses en au aux un une d' à".split())
VOWELS = tuple("aeiouyéèêâîôûhAEIOUYÉÈÊÂÎÔÛH")


# --------------------------------------------------------------------------- data files


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CountryRow(_Row):
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


class TitleRow(_Row):
    post: str
    side: str
    count: int
    masc: str
    fem: str


class LevelRow(_Row):
    level: str
    iso2: str
    phrase: str


class LexiconRow(_Row):
    group: str
    values: str


def _read_tsv(name: str, model: type[_Row]) -> list[Any]:
    text = resources.files("kg.patterns").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        try:
            rows.append(model(**dict(zip(header, cells, strict=True))))
        except (ValidationError, ValueError) as e:
            raise PatternError(f"kg/patterns/{name}: bad row {number}: {line!r}") from e
    return rows


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
def _lexicon() -> Lexicon:
    words = {
        r.group: tuple(r.values.split("|")) for r in _read_tsv("synth_lexicon.tsv", LexiconRow)
    }
    return Lexicon(
        countries=tuple(_read_tsv("synth_countries.tsv", CountryRow)),
        titles=tuple(_read_tsv("synth_titles.tsv", TitleRow)),
        levels=tuple(_read_tsv("synth_levels.tsv", LevelRow)),
        words=words,
    )


# --------------------------------------------------------------------------- the world


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


def _build_world(rng: random.Random) -> World:
    lex = _lexicon()
    words = lex.words
    used: set[str] = set()

    def unique(make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in used:
                used.add(name)
                return name
        raise PatternError("kg/patterns/synth_lexicon.tsv: too few names to draw from")

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


# --------------------------------------------------------------------------- passages


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
        return _cap(text) if style[0].isupper() else text

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


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class When:
    text: str
    value: Any = None  # "--MM-DD", "YYYY-MM-DD", "YYYY-MM" or {"start", "end"}
    date_text: str | None = None


def _iso(d: date, with_year: bool) -> str:
    return d.isoformat() if with_year else f"--{d.month:02d}-{d.day:02d}"


def _day(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def _when(rng: random.Random, year: int, forms: str = "day") -> When:
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
                text = f"du {_day(d)} {m} au {_day(end)} {MONTHS[end.month - 1]} {year}"
            else:
                text = f"du {_day(d)} au {_day(end)} {m} {year}"
            return When(text, {"start": _iso(d, True), "end": _iso(end, True)})
        if kind < 0.7 or end.month != d.month:
            end_m = f" {MONTHS[end.month - 1]}" if end.month != d.month else ""
            text = f"du {_day(d)}{' ' + m if end_m else ''} au {_day(end)}{end_m or ' ' + m}"
            return When(text, {"start": _iso(d, False), "end": _iso(end, False)})
        end = d + timedelta(days=1)
        text = f"les {_day(d)} et {_day(end)} {m}"
        return When(text, {"start": _iso(d, False), "end": _iso(end, False)})
    kind = rng.random()
    if kind < 0.5:
        return When(f"le {_day(d)} {m}", _iso(d, False))
    if kind < 0.75:
        return When(f"le {_day(d)} {m} {year}", _iso(d, True))
    wd = WEEKDAYS[d.weekday()]
    if kind < 0.88:
        return When(f"ce {wd} {_day(d)} {m}", _iso(d, False))
    return When(wd, None, wd)


def _when_fields(w: When) -> dict[str, Any]:
    return {"date": w.value, "date_text": w.date_text}


def _count_text(rng: random.Random, n: int) -> str:
    return NUMBER_WORDS[n] if n in NUMBER_WORDS and (n < 10 or rng.random() < 0.3) else str(n)


# --------------------------------------------------------------------------- stories


class Writer:
    """Writes stories for one corpus; every choice goes through ``self.rng``."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng = rng
        self.world = world
        self.lex = _lexicon()
        self.events = 0

    # helpers
    def event(self, kind: str) -> str:
        self.events += 1
        return f"{kind}:{self.events}"

    def pick(self, seq: Any) -> Any:
        return self.rng.choice(seq)

    def vn(self, *posts: str) -> Person:
        return self.pick(self.world.vn[self.pick(posts)])

    def foreign(self, c: CountryRow, *posts: str) -> Person:
        return self.world.foreign[c.iso2][self.pick(posts)]

    def domain(self) -> str:
        a, b = self.rng.sample(self.lex.words["domain"], 2)
        return f"{a} et {b}"

    def credit(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return " Photo : VNA"
        if r < 0.75:
            return " Photo: VNA"
        if r < 0.85:
            return " (Photo : VNA)"
        return f" Photo : {self.pick(self.lex.words['photographer'])} - VNA"

    # sentences -------------------------------------------------------------
    def reception(
        self, kind: str, host: Person, guest: Person, w: When, place: str, ev: str, form: str
    ) -> Passage:
        s = Passage(kind)
        s.fact(
            ev, type="reception", host=host.name, guest=guest.name, **_when_fields(w), place=place
        )
        if form == "recevant":
            s.text = (
                f"Recevant, {w.text} à {place}, {s.who(guest)}, {s.who(host)} a souligné "
                f"l'importance de renforcer la coopération dans {self.domain()}."
            )
        elif form == "passive":
            s.text = (
                f"{s.who(guest, 'Det')} a été {guest.agree('reçu')} {w.text} à {place} par "
                f"{s.who(host)}."
            )
        elif form == "present":
            s.text = f"{s.who(host, 'Det')} reçoit {s.who(guest)} {w.text} à {place}."
        else:
            s.text = f"{s.who(host, 'Comma')} a reçu {w.text} à {place} {s.who(guest, 'comma')}"
            s.text = s.text.rstrip(",")
            if guest.post == "ambassador_in" and self.rng.random() < 0.5:
                s.text += ", qui lui a rendu une visite de courtoisie."
                s.skip("visit", "courtesy call of a resident ambassador: no travel to a country")
            elif guest.post != "ambassador_in" and self.rng.random() < 0.5:
                k = self.pick(("official", "working"))
                s.text += f", en {VISIT_KINDS[k]} au Vietnam."
                s.fact(f"{ev}:visit", type="visit", visitor=guest.name, destination="VN", kind=k)
            else:
                s.text += "."
        return s

    def visit(
        self, kind: str, visitor: Person, c: CountryRow, k: str, w: When, ev: str, form: str
    ) -> Passage:
        s = Passage(kind)
        status = None
        if form == "planned":
            verb = self.pick(("se rendra", "effectuera"))
            if verb == "se rendra":
                s.text = (
                    f"{s.who(visitor, 'Comma')} se rendra {w.text} {c.in_form} pour une "
                    f"{VISIT_KINDS[k]}, a annoncé le ministère des Affaires étrangères."
                )
            else:
                s.text = (
                    f"À l'invitation de ses hôtes, {s.who(visitor)} effectuera {w.text} une "
                    f"{VISIT_KINDS[k]} {c.in_form}."
                )
            status = "planned"
        elif form == "title":
            s.text = f"{s.who(visitor, 'Det')} en {VISIT_KINDS[k]} {c.in_form}"
            w = When("")
        else:
            s.text = (
                f"{s.who(visitor, 'Det')} effectue {w.text} une {VISIT_KINDS[k]} {c.in_form}, "
                f"accompagné{'e' if visitor.gender == 'f' else ''} d'une délégation de haut rang."
            )
        s.fact(
            ev,
            type="visit",
            visitor=visitor.name,
            destination=c.iso2,
            kind=k,
            status=status,
            **_when_fields(w),
        )
        return s

    def meeting(
        self, kind: str, a: Person, b: Person, w: When, place: str | None, ev: str, form: str
    ) -> Passage:
        s = Passage(kind)
        at = f" à {place}" if place else ""
        mode = None
        if form == "online":
            s.text = (
                f"{s.who(a, 'Det')} et {s.who(b)} ont eu {w.text} une séance de travail en ligne "
                f"pour examiner la coopération dans {self.domain()}."
            )
            mode, place = "online", None
        elif form == "entretien":
            s.text = (
                f"{s.who(a, 'Det')} s'est {a.agree('entretenu')} {w.text}{at} avec "
                f"{s.who(b)} sur les moyens d'approfondir les relations bilatérales."
            )
        elif form == "summit":
            summit = self.pick(self.lex.words["summit"])
            s.text = (
                f"En marge {summit}, {w.text}{at}, {s.who(a)} a rencontré {s.who(b, 'comma')} "
                f"pour discuter des mesures visant à renforcer la coopération."
            )
        else:
            s.text = (
                f"{s.who(a, 'Det')} a rencontré {w.text}{at} {s.who(b, 'comma')} pour discuter "
                f"des mesures visant à renforcer la coopération dans {self.domain()}."
            )
        s.fact(
            ev,
            type="meeting",
            participants=[a.name, b.name],
            **_when_fields(w),
            place=place,
            mode=mode,
        )
        return s

    def agreement(self, kind: str, c: CountryRow) -> Passage:
        s = Passage(kind)
        r = self.rng.random()
        ev = self.event("agreement")
        fields: dict[str, Any] = {"type": "agreement", "parties": ["VN", c.iso2]}
        if r < 0.45:
            n = self.pick((2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 17, 20))
            s.text = (
                f"À cette occasion, {_count_text(self.rng, n)} accords de coopération ont été "
                f"signés entre le Vietnam et {c.with_article} dans {self.domain()}."
            )
            fields |= {"kind": "agreement", "count": n, "status": "signed"}
        elif r < 0.6:
            n = self.pick((1, 2, 3))
            what = "un protocole d'accord" if n == 1 else f"{NUMBER_WORDS[n]} protocoles d'accord"
            s.text = (
                f"Le Vietnam et {c.with_article} ont signé {what} de coopération dans "
                f"{self.domain()}."
            )
            fields |= {"kind": "memorandum", "count": n, "status": "signed"}
        elif r < 0.8:
            signed = self.rng.random() < 0.5
            verb = "ont signé" if signed else "ont rendu publique"
            s.text = (
                f"Le Vietnam et {c.with_article} {verb} une Déclaration commune sur le "
                f"renforcement de leur coopération."
            )
            fields |= {
                "kind": "joint_declaration",
                "status": "signed" if signed else "issued",
                "label": "Déclaration commune",
            }
        else:
            s.text = (
                f"Les deux parties sont convenues de signer bientôt un accord entre le Vietnam et "
                f"{c.with_article} sur la coopération dans {self.domain()}."
            )
            fields |= {"kind": "agreement", "count": 1, "status": "planned"}
        s.fact(ev, **fields)
        return s

    def partnership(self, kind: str, c: CountryRow, speaker: Person | None) -> Passage | None:
        if not c.level:
            return None
        phrase = self.pick(self.lex.phrases(c.level, c.iso2))
        s = Passage(kind)
        ev = f"partnership:{c.iso2}:{c.level}"
        extra: dict[str, Any] = {}
        r = self.rng.random()
        if kind == "title":
            s.text = f"Vietnam – {c.name} : dynamiser le {phrase}"
            if phrase.startswith(("relation", "amitié")):
                s.text = f"Vietnam – {c.name} : une {phrase} réaffirmée"
                if phrase.startswith("relations"):
                    s.text = f"Vietnam – {c.name} : des {phrase} réaffirmées"
        elif len(c.level_date) >= 7 and r < 0.35 and c.level not in ("traditional_friendship",):
            y, mo = int(c.level_date[:4]), int(c.level_date[5:7])
            s.text = (
                f"En {MONTHS[mo - 1]} {y}, le Vietnam et {c.with_article} ont décidé de rehausser "
                f"leurs relations au niveau de « {_cap(phrase)} »."
            )
            extra = {"date": f"{y}-{mo:02d}", "event": "upgrade"}
            phrase = _cap(phrase)
        elif speaker is not None:
            s.text = (
                f"{s.who(speaker, 'name')} a salué le développement du {phrase} entre le Vietnam "
                f"et {c.with_article}, qui se renforce dans tous les domaines."
            )
            if phrase.startswith(("relation", "amitié")):
                s.text = (
                    f"{s.who(speaker, 'name')} a souligné l'importance de l'{phrase} entre le "
                    f"Vietnam et {c.with_article}."
                    if phrase.startswith("amitié")
                    else f"{s.who(speaker, 'name')} a réaffirmé les {phrase} entre le Vietnam et "
                    f"{c.with_article}."
                )
        else:
            s.text = (
                f"Le Vietnam et {c.with_article} entendent approfondir leur {phrase} dans les "
                f"années à venir."
            )
        s.fact(
            ev, type="partnership", countries=["VN", c.iso2], level=c.level, label=phrase, **extra
        )
        return s

    def relations(self, kind: str, c: CountryRow, year: int) -> Passage:
        s = Passage(kind)
        est = self.world.relations[c.iso2]
        n = year - est.year
        ev = f"relations:{c.iso2}"
        r = self.rng.random()
        m = MONTHS[est.month - 1]
        if r < 0.35:
            s.text = (
                f"Le {_day(est)} {m} {est.year}, le Vietnam et {c.with_article} ont officiellement "
                f"établi leurs relations diplomatiques."
            )
            s.fact(ev, type="diplomatic_relations", countries=["VN", c.iso2], date=est.isoformat())
        elif r < 0.7:
            suffix = self.pick(("e", "ᵉ"))
            s.text = (
                f"Les deux parties ont célébré le {n}{suffix} anniversaire de l'établissement des "
                f"relations diplomatiques entre le Vietnam et {c.with_article}."
            )
            s.fact(ev, type="diplomatic_relations", countries=["VN", c.iso2], anniversary_years=n)
        elif r < 0.85:
            n10 = n // 10 * 10
            if n10 < 10:
                n10 = n
            s.text = (
                f"Plus de {n10} ans après l'établissement de leurs relations diplomatiques, le "
                f"Vietnam et {c.with_article} sont devenus des partenaires importants."
            )
            s.fact(
                ev,
                type="diplomatic_relations",
                countries=["VN", c.iso2],
                anniversary_years=n10,
                anniversary_qualifier="plus de",
            )
        else:
            s.text = (
                f"Depuis l'établissement des relations diplomatiques entre le Vietnam et "
                f"{c.with_article}, les échanges n'ont cessé de se développer."
            )
            s.fact(ev, type="diplomatic_relations", countries=["VN", c.iso2])
        return s

    def filler(self, c: CountryRow, speaker: Person) -> Passage:
        s = Passage("body")
        r = self.rng.random()
        if r < 0.1:
            s.text = (
                f"{s.who(speaker, 'name')} a rappelé les relations d'amitié de longue date entre "
                f"les deux peuples."
            )
            s.skip("partnership", "« relations d'amitié de longue date »: not a named framework")
        elif r < 0.17:
            s.text = (
                "Les deux parties sont convenues de mettre en œuvre efficacement les accords "
                "existants."
            )
            s.skip("agreement", "generic mention of existing agreements")
        elif r < 0.24:
            s.text = (
                f"{_cap(c.with_article)} considère le Vietnam comme l'un de ses partenaires "
                "prioritaires dans la région."
            )
            s.skip("partnership", "« partenaires prioritaires »: a description, not a framework")
        elif r < 0.55:
            pct = self.rng.randint(3, 40)
            bn = self.rng.randint(1, 30)
            s.text = (
                f"Les échanges commerciaux bilatéraux ont atteint {bn} milliards de dollars, "
                f"soit une croissance de {pct}% en variation annuelle."
            )
        elif r < 0.8:
            s.text = (
                f"{s.who(speaker, 'name')} a proposé aux deux parties d'intensifier la "
                f"coopération dans {self.domain()}, ainsi que les échanges entre les localités."
            )
        elif r < 0.9:
            s.text = (
                f"Selon {s.who(speaker, 'name')}, les deux pays disposent encore d'un grand "
                f"potentiel de coopération dans {self.domain()}, qu'il convient d'exploiter "
                f"pleinement au profit de leurs peuples, de la paix et du développement dans la "
                f"région et dans le monde."
            )
        else:
            s.text = (
                f"Les deux parties ont également échangé leurs points de vue sur des questions "
                f"régionales et internationales d'intérêt commun, dont la coopération dans "
                f"{self.domain()}."
            )
        return s

    # stories ---------------------------------------------------------------
    def story(self) -> Story:
        c = self.pick(self.world.countries)
        year = self.rng.randint(2016, 2025)
        kind = self.pick(
            ("reception", "reception", "visit_out", "visit_in", "planned", "meeting", "relations")
        )
        return getattr(self, f"_story_{kind}")(c, year)

    def _tail(
        self, c: CountryRow, year: int, speaker: Person, body: list[list[Passage]]
    ) -> list[list[Passage]]:
        """Add 2-5 paragraphs of context: partnership, relations, agreement, filler."""
        plan = ["filler"] * self.rng.randint(6, 14)
        plan += [k for k in ("partnership", "relations", "agreement") if self.rng.random() < 0.45]
        self.rng.shuffle(plan)
        para: list[Passage] = []
        for item in plan:
            p: Passage | None
            if item == "partnership":
                p = self.partnership("body", c, speaker)
            elif item == "relations":
                p = self.relations("body", c, year)
            elif item == "agreement":
                p = self.agreement("body", c)
            else:
                p = self.filler(c, speaker)
            if p is not None:
                para.append(p)
            if para and self.rng.random() < 0.5:
                body.append(para)
                para = []
        if para:
            body.append(para)
        return body

    def _caption_pair(self, a: Person, b: Person) -> Passage:
        s = Passage("caption")
        s.text = f"{s.who(a, 'Det')} (droite) et {s.who(b)}."
        s.skip("meeting", "photo caption shows the two officials together but states no meeting")
        return s

    def _story_reception(self, c: CountryRow, year: int) -> Story:
        guest = self.foreign(c, "fm", "ambassador_in", "vice_def", "na_president", "trade_min")
        hosts = {
            "vice_def": ("def_min", "vice_def"),
            "trade_min": ("trade_min", "vice_pm"),
        }.get(guest.post, ("pm", "president", "party_sg", "na_president", "vice_pm", "hanoi_sec"))
        host = self.vn(*hosts)
        place = "Hô Chi Minh-Ville" if host.post == "hcmc_chair" else "Hanoï"
        w = _when(self.rng, year)
        ev = self.event("reception")
        if self.rng.random() < 0.5:
            # Only the host is named: the title alone states no fact.
            title = Passage("title", mentions=[host])
            title.text = f"{_cap(host.det_title)} {host.name} reçoit {guest.det_title}"
        else:
            title = self.partnership("title", c, None) or Passage(
                "title", f"Vietnam – {c.name} : renforcer la coopération dans {self.domain()}"
            )
        lede = self.reception("lede", host, guest, w, place, ev, "default")
        if self.rng.random() < 0.5:
            caption = self._caption_pair(host, guest)
        else:
            caption = Passage("caption")
            caption.text = f"{caption.who(host, 'Det')} reçoit {caption.who(guest)}."
            caption.fact(ev, type="reception", host=host.name, guest=guest.name)
        first = (
            _repeat(lede)
            if self.rng.random() < 0.6
            else self.reception("body", host, guest, w, place, ev, "recevant")
        )
        body = self._tail(c, year, host, [[first]])
        return Story(title, lede, caption, self.credit(), body)

    def _story_visit_out(self, c: CountryRow, year: int) -> Story:
        visitor = self.vn("president", "pm", "party_sg", "na_president", "fm")
        k = (
            "state"
            if visitor.post in ("president", "party_sg")
            else self.pick(("official", "working"))
        )
        counterpart = self.foreign(c, "president", "pm", "na_president", "fm")
        w = _when(self.rng, year, "range")
        ev = self.event("visit")
        title = self.visit("title", visitor, c, k, w, ev, "title")
        lede = self.visit("lede", visitor, c, k, w, ev, "default")
        wm = _when(self.rng, year)
        meet = Passage("body")
        meet.text = (
            f"Lors de sa {VISIT_KINDS[k]} {c.in_form}, {wm.text} à {c.capital}, "
            f"{meet.who(visitor)} a rencontré {meet.who(counterpart, 'comma')} pour faire le "
            f"point sur la coopération bilatérale."
        )
        meet.fact(ev, type="visit", visitor=visitor.name, destination=c.iso2, kind=k)
        meet.fact(
            self.event("meeting"),
            type="meeting",
            participants=[visitor.name, counterpart.name],
            **_when_fields(wm),
            place=c.capital,
        )
        para = [meet]
        if self.rng.random() < 0.5:
            host = self.foreign(c, "president", "pm", "na_president")
            if host is not counterpart:
                para.append(
                    self.reception(
                        "body",
                        host,
                        visitor,
                        _when(self.rng, year),
                        c.capital,
                        self.event("reception"),
                        "passive",
                    )
                )
        caption = self._caption_pair(visitor, counterpart)
        body = self._tail(c, year, visitor, [[_repeat(lede)], para])
        return Story(title, lede, caption, self.credit(), body)

    def _story_visit_in(self, c: CountryRow, year: int) -> Story:
        visitor = self.foreign(c, "president", "pm", "fm", "na_president")
        k = "state" if visitor.post == "president" else self.pick(("official", "working"))
        w = _when(self.rng, year, "range")
        ev = self.event("visit")
        title = self.visit("title", visitor, c.model_copy(update=_VN_FORMS), k, w, ev, "title")
        lede = self.visit("lede", visitor, c.model_copy(update=_VN_FORMS), k, w, ev, "default")
        host = self.vn("pm", "president", "party_sg", "na_president")
        talk = self.meeting(
            "body",
            host,
            visitor,
            _when(self.rng, year),
            "Hanoï",
            self.event("meeting"),
            self.pick(("entretien", "met")),
        )
        caption = Passage("caption")
        caption.text = f"{caption.who(host, 'Det')} s'entretient avec {caption.who(visitor)}."
        caption.fact(
            talk.facts[0]["_event"], type="meeting", participants=[host.name, visitor.name]
        )
        body = self._tail(c, year, host, [[_repeat(lede)], [talk, self.agreement("body", c)]])
        return Story(title, lede, caption, self.credit(), body)

    def _story_planned(self, c: CountryRow, year: int) -> Story:
        visitor = self.vn("president", "pm", "party_sg", "na_president", "fm")
        k = "state" if visitor.post in ("president", "party_sg") else "official"
        w = _when(self.rng, year, self.pick(("range", "day")))
        ev = self.event("visit")
        title = Passage("title")
        title.text = f"{title.who(visitor, 'Det')} attendu{'e' if visitor.gender == 'f' else ''}"
        title.text += f" {c.in_form}"
        title.fact(
            ev, type="visit", visitor=visitor.name, destination=c.iso2, kind=k, status="planned"
        )
        lede = self.visit("lede", visitor, c, k, w, ev, "planned")
        caption = Passage(
            "caption", f"{_cap(c.with_article)} et le Vietnam renforcent leurs liens."
        )
        body = self._tail(c, year, visitor, [[_repeat(lede)]])
        return Story(title, lede, caption, self.credit(), body)

    def _story_meeting(self, c: CountryRow, year: int) -> Story:
        form = self.pick(("online", "summit", "met", "envoy"))
        place: str | None
        if form == "envoy":
            a = self.world.envoys[c.iso2]
            b = self.foreign(c, "fm", "trade_min", "na_president")
            place = c.capital
        else:
            a = self.vn("pm", "vice_pm", "fm", "president")
            b = self.foreign(c, "pm", "fm", "president", "trade_min")
            place = self.pick(self.lex.words["summit_place"]) if form == "summit" else None
        w = _when(self.rng, year)
        ev = self.event("meeting")
        lede = self.meeting("lede", a, b, w, place, ev, "met" if form == "envoy" else form)
        title = Passage("title", f"Vietnam et {c.name} promeuvent leur coopération")
        caption = self._caption_pair(a, b)
        body = self._tail(c, year, a, [[_repeat(lede)]])
        return Story(title, lede, caption, self.credit(), body, place=place or "Hanoï")

    def _story_relations(self, c: CountryRow, year: int) -> Story:
        lede = self.relations("lede", c, year)
        title = Passage("title", f"Les relations Vietnam - {c.name} célébrées à Hanoï")
        guest = self.foreign(c, "ambassador_in")
        host = self.vn("vice_pm", "fm", "vice_fm", "hanoi_sec")
        w = _when(self.rng, year)
        rec = self.reception("body", host, guest, w, "Hanoï", self.event("reception"), "default")
        caption = self._caption_pair(host, guest)
        body = self._tail(c, year, host, [[rec]])
        return Story(title, lede, caption, self.credit(), body)

    def domestic(self) -> Story:
        """A teaser about a trip inside Vietnam: looks like a visit, is not one."""
        year = self.rng.randint(2016, 2025)
        p = self.vn("party_sg", "pm", "president", "vice_pm")
        province = self.pick(self.lex.words["province"])
        w = _when(self.rng, year)
        lede = Passage("lede")
        lede.text = (
            f"{lede.who(p, 'Comma')} a effectué {w.text} une visite de travail dans la province "
            f"de {province} pour inspecter les projets de développement socio-économique."
        )
        lede.skip("visit", "domestic trip of a Vietnamese official: not a bilateral visit")
        title = Passage("title", f"{_cap(p.det_title)} {p.name} en tournée à {province}")
        title.mentions.append(p)
        caption = Passage("caption", lede.text, mentions=[p])
        return Story(title, lede, caption, self.credit(), [])


_VN_FORMS = {
    "iso2": "VN",
    "name": "Vietnam",
    "with_article": "le Vietnam",
    "in_form": "au Vietnam",
    "of_form": "du Vietnam",
}


def _repeat(p: Passage) -> Passage:
    """The body's copy of the lede: same text, same facts (gold: ``evidence_also``)."""
    return Passage("body", p.text, [dict(f) for f in p.facts], [], list(p.mentions))


# --------------------------------------------------------------------------- damage


def _glue(rng: random.Random, text: str, rate: float) -> str:
    """Drop spaces at random word boundaries, more often after short function words."""
    out = []
    words = text.split(" ")
    for i, word in enumerate(words):
        out.append(word)
        if i < len(words) - 1:
            p = rate * 4 if word.lower() in GLUE_PRONE else rate
            if not (rng.random() < p and word and words[i + 1]):
                out.append(" ")
    return "".join(out)


def _damage_body(rng: random.Random, body: list[list[Passage]]) -> None:
    rate = rng.uniform(0.02, 0.06)
    for para in body:
        for p in para:
            p.text = _glue(rng, p.text, rate)


def _nbsp(rng: random.Random, p: Passage) -> None:
    spaces = [i for i, ch in enumerate(p.text) if ch == " "]
    if spaces:
        i = rng.choice(spaces)
        p.text = p.text[:i] + "\u00a0" + p.text[i + 1 :]


# --------------------------------------------------------------------------- layout


@dataclass
class Teaser:
    caption: Passage
    credit: str
    title: Passage
    lede: Passage


def _teaser(writer: Writer, rng: random.Random) -> Teaser:
    story = writer.domestic() if rng.random() < 0.12 else writer.story()
    caption = story.caption or Passage("caption", story.title.text)
    credit = story.credit
    r = rng.random()
    if r < 0.12:  # caption repeats the title, no credit
        caption, credit = Passage("caption", story.title.text, [], [], []), ""
    elif r < 0.2 and not story.lede.skipped:  # caption repeats the lede
        caption = Passage("caption", story.lede.text, [dict(f) for f in story.lede.facts], [], [])
        caption.mentions = list(story.lede.mentions)
    if caption.text.startswith(("Le ", "La ")) and rng.random() < 0.25:
        caption = Passage(
            caption.kind, caption.text[1:], caption.facts, caption.skipped, caption.mentions
        )
    if rng.random() < 0.05:
        _nbsp(rng, story.lede)
    return Teaser(caption, credit, story.title, story.lede)


class _Page:
    """Text under construction plus where each passage landed."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pos = 0
        self.placed: list[tuple[Passage, str, int, int]] = []

    def add(self, text: str) -> None:
        self.chunks.append(text)
        self.pos += len(text)

    def put(self, p: Passage, section: str) -> None:
        self.placed.append((p, section, self.pos, self.pos + len(p.text)))
        self.add(p.text)

    def text(self) -> str:
        return "".join(self.chunks)


def _layout(rng: random.Random, story: Story, teasers: list[Teaser], year: int) -> _Page:
    page = _Page()
    page.put(story.title, "main")
    page.add("\n\n")
    page.put(story.lede, "main")
    page.add("\n")
    if story.caption is not None and rng.random() < 0.85:
        page.add(f"{story.title.text} ảnh 1")
        page.put(story.caption, "main")
        page.add(story.credit + "\n")
        if rng.random() < 0.3:
            page.add("\n")
    r = rng.random()
    dash = "–" if r < 0.2 else "-"
    if r < 0.7:
        dateline = f"{story.place} (VNA) {dash} "
    else:
        d = date(year, rng.randint(1, 12), rng.randint(1, 28))
        dateline = f"{story.place}, {_day(d)} {MONTHS[d.month - 1]} (VNA) {dash} "
    page.add(dateline)
    for i, para in enumerate(story.body):
        if i:
            page.add("\n\n")
        for j, p in enumerate(para):
            if j:
                page.add(" ")
            page.put(p, "main")
        if i == 2 and story.caption is not None and rng.random() < 0.2:
            page.add(f"\n\n{story.title.text} ảnh 2")
            page.put(story.caption, "main")
            page.add(story.credit)
    page.add(" -VNA" if rng.random() < 0.7 else "-VNA")
    if rng.random() < 0.08:
        page.add("\n\nsource")
    if teasers:
        page.add("\n\nVoir plus")
    for n, t in enumerate(teasers, start=1):
        section = f"teaser-{n}"
        page.add("\n\n")
        page.put(t.caption, section)
        page.add(t.credit)
        page.add("\n\n")
        page.put(t.title, section)
        page.add("\n\n")
        page.put(t.lede, section)
    return page


# --------------------------------------------------------------------------- gold


def _gold(article: str, page: _Page) -> dict[str, Any]:
    persons: dict[str, dict[str, str]] = {}
    events: dict[str, list[tuple[dict[str, Any], Passage, str, int, int]]] = {}
    order: list[str] = []
    skipped: list[dict[str, Any]] = []
    seen_skips: set[tuple[str, int]] = set()
    for p, section, start, end in page.placed:
        for person in p.mentions:
            if person.name not in persons:
                persons[person.name] = {
                    "name": person.name,
                    "country": person.country,
                    "title": person.title,
                }
        for f in p.facts:
            key = f["_event"]
            if key not in events:
                events[key] = []
                order.append(key)
            events[key].append((f, p, section, start, end))
        for s in p.skipped:
            if (s["type"], start) not in seen_skips:
                seen_skips.add((s["type"], start))
                skipped.append({**s, "section": section, "evidence": p.text, "span": [start, end]})
    facts = []
    for key in order:
        occurrences = events[key]
        # The fullest statement is the evidence: a lede or body sentence before a title/caption.
        primary = next((o for o in occurrences if o[1].kind in ("lede", "body")), occurrences[0])
        fields, p, section, start, end = primary
        fact = {k: v for k, v in fields.items() if k != "_event"}
        for other in occurrences:  # a date stated only in the second passage still counts
            for k, v in other[0].items():
                if k not in fact and k != "_event":
                    fact[k] = v
        fact |= {"section": section, "evidence": p.text, "span": [start, end]}
        also = [
            {"section": o[2], "evidence": o[1].text, "span": [o[3], o[4]]}
            for o in occurrences
            if o is not primary and (o[3], o[4]) != (start, end)
        ]
        if also:
            fact["evidence_also"] = also
        facts.append(fact)
    facts.sort(key=lambda f: f["span"][0])
    return {
        "article": article,
        "source": "synthetic",
        "persons": list(persons.values()),
        "facts": facts,
        "skipped": skipped,
    }


# --------------------------------------------------------------------------- entry point


def _pages(pages: int, seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    rng = random.Random(seed)
    world = _build_world(rng)
    writer = Writer(rng, world)
    pool_size = max(12, pages // 3)
    pool = [_teaser(writer, rng) for _ in range(pool_size)]
    window = 16
    for i in range(pages):
        story = writer.story()
        if rng.random() < 0.35:
            _damage_body(rng, story.body)
        if rng.random() < 0.05 and story.body:
            _nbsp(rng, story.body[0][0])
        # Teasers are the news of the day: neighbouring pages draw from the same window.
        centre = i * (pool_size - window) // max(pages - 1, 1) if pool_size > window else 0
        candidates = pool[centre : centre + window]
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(5, 10)))
        page = _layout(rng, story, chosen, rng.randint(2016, 2025))
        text = page.text()
        name = f"{i:05d}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"
        yield text, _gold(name, page) | {"_name": name}


def generate(pages: int, *, seed: int, out: Path) -> list[Path]:
    """Write ``pages`` synthetic pages to ``out`` and their gold to ``out/gold``.

    Examples:
        >>> import tempfile, json
        >>> with tempfile.TemporaryDirectory() as d:
        ...     paths = generate(3, seed=1, out=Path(d))
        ...     gold = json.loads((Path(d) / "gold" / (paths[0].stem + ".json")).read_text())
        ...     text = paths[0].read_text(encoding="utf-8")
        ...     all(text[f["span"][0] : f["span"][1]] == f["evidence"] for f in gold["facts"])
        True
    """
    out = Path(out)
    gold_dir = out / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for text, gold in _pages(pages, seed):
        name = gold.pop("_name")
        path = out / name
        path.write_bytes(text.encode("utf-8"))
        data = json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
        (gold_dir / f"{path.stem}.json").write_bytes(data.encode("utf-8"))
        paths.append(path)
    return paths
