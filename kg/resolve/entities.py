"""Resolution: one node per real entity, one event per real event.

Persons merge when their names agree after folding accents, case, honorifics and initials
("Tô Lâm" / "To Lam", "Irineo C. Espino" / "Irineo Espino"), or are transliterations of each
other ("Alexandre Loukachenko" / "Alexander Lukashenko": the same consonant skeleton once
French spellings are mapped, only for long foreign names), and only when their countries are
compatible.  A shared family or given name is never enough (Vietnam has many Nguyen).  Every
merge is recorded with its reason in ``Entity.merged_because``.

Facts merge when they report the same event: same type, same participants, compatible dates
(never when two written dates differ) and, for agreements and partnerships, the same kind,
status or level.  The first report stays in the fact, the others go to ``Fact.also``.

Ids are derived from canonical names (folded, without initials), so rebuilding gives the same
ids and adding an article does not rename an entity whose spellings are already known.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.dates import PartialDate
from kg.facttypes import spec
from kg.lexicon import lexicon
from kg.model import Actor, DateRange, DateValue, Entity, Evidence, Fact, Post, make_fact_id
from kg.textutil import fold_name, slug

_VOWELS = re.compile(r"[aeiouy]")
#: dates of one visit's reports may differ by this many days (arrival, then activities)
VISIT_DAYS = 7


@dataclass(frozen=True)
class PersonMention:
    """A person as one document names it, with what the document says about them."""

    name: str
    country: str | None
    title: str | None
    role: str | None
    date: str | None = None


def person_key(name: str) -> str:
    """Folded name without initials: the identity of a spelling.

    Examples:
        >>> person_key("Irineo C. Espino") == person_key("Irineo Espino")
        True
        >>> person_key("Tô Lâm") == person_key("To Lam")
        True
    """
    return " ".join(t for t in fold_name(name).split() if len(t) > 1)


def skeleton(name: str) -> str:
    """Consonant skeleton of a transliterated name (French and English spellings agree).

    Examples:
        >>> skeleton("Alexandre Loukachenko") == skeleton("Alexander Lukashenko")
        True
    """
    text = person_key(name).replace("ou", "u").replace("ch", "sh").replace("kh", "k")
    text = re.sub(r"(?<=[a-z])re\b", "er", text)
    return " ".join(_VOWELS.sub("", t) for t in text.split())


def _transliterable(name: str) -> bool:
    tokens = skeleton(name).split()
    return len(tokens) >= 2 and all(len(t) >= 3 for t in tokens)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _contains(short: str, long: str) -> bool:
    small, big = short.split(), long.split()
    return len(small) >= 2 and len(small) < len(big) and all(t in big for t in small)


@dataclass
class _Cluster:
    name: str
    key: str
    #: how often each country was written for the person's mentions
    countries: Counter[str] = field(default_factory=Counter)
    aliases: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    #: the dates a (role, title) was seen with
    posts: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    @property
    def country(self) -> str | None:
        """The country written most often (the first in alphabetical order on a tie)."""
        if not self.countries:
            return None
        return max(sorted(self.countries), key=self.countries.__getitem__)


class PersonResolver:
    """Clusters person mentions into entities, in the order they are added."""

    def __init__(self) -> None:
        self._clusters: list[_Cluster] = []
        self._by_key: dict[str, list[_Cluster]] = {}
        #: clusters by their own key (not their aliases'), in the order they were made
        self._namesakes: dict[str, list[_Cluster]] = {}

    def _find(self, mention: PersonMention) -> tuple[_Cluster | None, str]:
        key = person_key(mention.name)
        for cluster in self._by_key.get(key, []):
            if _compatible(cluster.country, mention.country):
                return cluster, "same name once accents, case and initials are folded"
        for cluster in self._clusters:
            if not _compatible(cluster.country, mention.country):
                continue
            if _contains(key, cluster.key) or _contains(cluster.key, key):
                return cluster, f"the name tokens of {mention.name!r} and {cluster.name!r} nest"
        if _transliterable(mention.name):
            sk = skeleton(mention.name)
            for cluster in self._clusters:
                if (
                    _compatible(cluster.country, mention.country)
                    and _transliterable(cluster.name)
                    and skeleton(cluster.name) == sk
                ):
                    return cluster, f"{mention.name!r} transliterates {cluster.name!r}"
        return None, ""

    def add(self, mention: PersonMention) -> str:
        """Add one mention; return the id of its entity."""
        cluster, reason = self._find(mention)
        key = person_key(mention.name)
        if cluster is None:
            cluster = _Cluster(name=mention.name, key=key)
            self._clusters.append(cluster)
            self._by_key.setdefault(key, []).append(cluster)
            self._namesakes.setdefault(key, []).append(cluster)
        else:
            if mention.name not in cluster.aliases and mention.name != cluster.name:
                cluster.aliases.append(mention.name)
                cluster.reasons.append(reason)
            if key not in self._by_key or cluster not in self._by_key[key]:
                self._by_key.setdefault(key, []).append(cluster)
        if mention.country:
            cluster.countries[mention.country] += 1
        if mention.title and mention.role:
            written = cluster.posts.setdefault((mention.role, mention.title), set())
            if mention.date is not None:
                written.add(mention.date)
        return self.id_of(cluster)

    def lookup(self, name: str, country: str | None) -> str | None:
        cluster, _ = self._find(PersonMention(name, country, None, None))
        return self.id_of(cluster) if cluster else None

    def id_of(self, cluster: _Cluster) -> str:
        same = self._namesakes[cluster.key]
        suffix = (
            "" if len(same) == 1 or same[0] is cluster else f"-{(cluster.country or 'xx').lower()}"
        )
        return f"person:{slug(cluster.key)}{suffix}"

    def entities(self) -> list[Entity]:
        out = []
        for cluster in self._clusters:
            # One post per role: the fullest title written for it, seen from first to last.
            by_role: dict[str, tuple[str, list[str]]] = {}
            for (role, title), written in cluster.posts.items():
                best, seen = by_role.get(role, (title, []))
                best = title if len(title) > len(best) else best
                by_role[role] = (best, seen + list(written))
            posts = []
            for role, (title, dates) in by_role.items():
                known = sorted(dates, key=PartialDate.parse)
                posts.append(
                    Post(
                        role=role,
                        title=title,
                        country=cluster.country,
                        first_seen=known[0] if known else None,
                        last_seen=known[-1] if known else None,
                    )
                )
            out.append(
                Entity(
                    id=self.id_of(cluster),
                    kind="person",
                    name=cluster.name,
                    country=cluster.country,
                    aliases=tuple(cluster.aliases),
                    posts=tuple(posts),
                    merged_because=tuple(cluster.reasons),
                )
            )
        return out


def country_entity(iso2: str) -> Entity:
    lex = lexicon()
    aliases = tuple(
        sorted(
            {
                row.form
                for rows in lex.country_forms.values()
                for row in rows
                if row.iso2 == iso2 and row.kind == "name"
            }
        )
    )
    return Entity(
        id=f"country:{iso2}",
        kind="country",
        name=lex.country_display.get(iso2, iso2),
        country=iso2,
        aliases=aliases,
        wikidata=lex.wikidata.get(iso2),
    )


# ---------------------------------------------------------------- facts


@functools.cache
def _day_number(text: str) -> int | None:
    """Day of the year of a written date (year ignored), or None for a month or a year."""
    date = PartialDate.parse(text)
    return (date.month - 1) * 31 + date.day if date.day else None


@functools.cache
def _year(text: str) -> int | None:
    date = PartialDate.parse(text)
    return date.year if date.has_year else None


def dates_compatible(a: DateValue | None, b: DateValue | None, *, slack: int = 0) -> bool:
    """Two written dates can be one event's: one is missing, or they agree where both speak.

    ``slack`` days of difference are allowed (a visit lasts several days).

    Examples:
        >>> dates_compatible("--11-26", "2025-11-26")
        True
        >>> dates_compatible("--11-26", "--11-25")
        False
        >>> dates_compatible("--11-18", "--11-19", slack=7)
        True
        >>> dates_compatible(DateRange(start="--11-17", end="--11-19"), "--11-18")
        True
        >>> dates_compatible("2022-10-30", "2017-10-30")
        False
    """
    if a is None or b is None:
        return True
    ra = a if isinstance(a, DateRange) else DateRange(start=a, end=a)
    rb = b if isinstance(b, DateRange) else DateRange(start=b, end=b)
    years = {y for y in (_year(ra.start), _year(rb.start)) if y is not None}
    if len(years) > 1:
        return False
    days = [_day_number(x) for x in (ra.start, ra.end, rb.start, rb.end)]
    a0, a1, b0, b1 = days
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return True  # a month or a year written: nothing finer to compare
    return not (a1 + slack < b0 or b1 + slack < a0)


def _better_date(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a

    def score(d: DateValue) -> tuple[bool, bool]:
        start = d.start if isinstance(d, DateRange) else d
        return not isinstance(d, DateRange), PartialDate.parse(start).has_year

    return b if score(b) > score(a) else a


def event_key(fact: Fact) -> tuple[str, ...]:
    """The natural key of a fact: type, participants and what distinguishes such events."""
    parts: list[str] = [fact.type]
    for role, actors in sorted(fact.roles.items()):
        ids = (
            sorted(a.id for a in actors) if role in spec(fact.type).many else [a.id for a in actors]
        )
        parts.append(role + "=" + ",".join(ids))
    if fact.type == "agreement":
        parts += [str(fact.attributes.get("kind")), str(fact.attributes.get("status"))]
    if fact.type == "partnership":
        parts.append(str(fact.attributes.get("level")))
    return tuple(parts)


def _merge_attributes(base: dict[str, object], other: dict[str, object]) -> dict[str, object]:
    merged = dict(base)
    for key, value in other.items():
        if merged.get(key) in (None, "unspecified") and value is not None:
            merged[key] = value
    return merged


@dataclass
class _Event:
    """The reports of one event merged so far: the first one leads."""

    base: Fact
    #: the distinct dates of the reports (a new report must agree with each)
    dates: set[DateValue | None]
    attributes: dict[str, object]
    date: DateValue | None
    also: list[Evidence]
    seen: set[tuple[str, str, tuple[int, int]]]
    place: str | None
    confidence: float

    @classmethod
    def of(cls, fact: Fact) -> _Event:
        return cls(
            base=fact,
            dates={fact.date},
            attributes=dict(fact.attributes),
            date=fact.date,
            also=list(fact.also),
            seen={(ev.article, ev.doc, ev.span) for ev in (fact.evidence, *fact.also)},
            place=fact.place,
            confidence=fact.confidence,
        )

    def absorb(self, other: Fact) -> None:
        self.dates.add(other.date)
        self.attributes = _merge_attributes(self.attributes, other.attributes)
        self.date = _better_date(self.date, other.date)
        for ev in (other.evidence, *other.also):
            if (ev.article, ev.doc, ev.span) not in self.seen:
                self.seen.add((ev.article, ev.doc, ev.span))
                self.also.append(ev)
        self.place = self.place or other.place
        self.confidence = max(self.confidence, other.confidence)


class FactMerger:
    """Merges reports of the same event as they come, holding one record per event (the
    reports' evidence, not the reports themselves)."""

    def __init__(self) -> None:
        self._events: list[_Event] = []
        self._by_key: dict[tuple[str, ...], list[_Event]] = {}

    def add(self, fact: Fact) -> None:
        key = event_key(fact)
        slack = VISIT_DAYS if fact.type == "visit" else 0
        for event in self._by_key.get(key, []):
            if all(dates_compatible(fact.date, date, slack=slack) for date in event.dates):
                event.absorb(fact)
                return
        event = _Event.of(fact)
        self._events.append(event)
        self._by_key.setdefault(key, []).append(event)

    def merged(self) -> list[Fact]:
        """One fact per event, in the order the events were first reported.

        Ids are stable: derived from the event key (plus a counter for distinct events with the
        same participants, e.g. two receptions of one guest on different dates).
        """
        out: list[Fact] = []
        seen_ids: dict[str, int] = {}
        for event in self._events:
            base_id = make_fact_id(event_key(event.base))
            n = seen_ids.get(base_id, 0)
            seen_ids[base_id] = n + 1
            update = {
                "attributes": event.attributes,
                "date": event.date,
                "also": tuple(event.also),
                "place": event.place,
                "confidence": event.confidence,
                "id": base_id + (f"-{n + 1}" if n else ""),
            }
            out.append(event.base.model_copy(update=update))
        return out


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Merge reports of the same event; the first report leads, the others go to ``also``
    (see :class:`FactMerger`)."""
    merger = FactMerger()
    for fact in facts:
        merger.add(fact)
    return merger.merged()


def rename_actors(fact: Fact, mapping: dict[str, Actor]) -> Fact:
    """Replace provisional actors by their resolved entities."""
    roles = {
        role: tuple(mapping.get(a.id, a) for a in actors) for role, actors in fact.roles.items()
    }
    return fact.model_copy(update={"roles": roles})


def order_facts(facts: Sequence[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.evidence.article, f.evidence.span[0], f.type, f.id))
