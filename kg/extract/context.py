"""What the fact rules share: the mentions of a whole document, its country pair, coreference.

A document is analysed once (:func:`analyse_document`); the rules then read the
:class:`DocContext`.  Title-only descriptions ("le chef de la diplomatie chinoise", "le
ministre vietnamien") resolve to the person of the same document whose role and country agree,
the closest one before first; "les deux pays" resolves to the pair the sentence names, else the
pair of the document (its headline first).

Phrases that are not names ("les deux dirigeants", "ils", "il", "son hôte", "la partie
laotienne", ``kg/patterns/coreference.jsonl``) resolve through the document's event frame
(:mod:`kg.extract.frame`, the two principal persons of the visit or reception the document is
about) and its topic (the person last written as a clause subject): :meth:`DocContext.refs`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kg.dates import DateHit, find_dates, nearest_date
from kg.extract.entities import PersonHit, SentenceMentions, analyse, roles_of
from kg.extract.syntax import MIN_MENTIONS, SentenceParse, TriggerArgs, parse_args, within
from kg.lexicon import lexicon
from kg.model import Actor, DateValue, Document, Evidence, Fact, FactType, make_fact_id
from kg.nlp import parse, person_spans
from kg.textutil import fold, fold_name, slug

#: a person written as a subject: the verb (or a dated adjunct) follows
_SUBJECT_SLOT = re.compile(
    r"(?:\s*\([^)]{0,40}\))?,?\s+(?:(?:le|les|ce) [^,;]{0,30},?\s+)?"
    r"(?:a|ont|avait|avaient|est|sont|etait|était|sera|va|doit|devrait|s'est|se sont|s'|se|recoit|reçoit"
    r"|rencontre|accueille|effectue|a-t-il|a-t-elle|participe|conduit|dirige)\b"
)
_SUBJECT_SLOT_AFTER_TITLE = re.compile(r",\s+[^,;]{3,120},\s+(?:a|ont|est|s'est|sera|va)\b")
_VERB_GAP = re.compile(r"[;]|\b(?:a|ont|est|sont|avait|qui|que)\b|\bs'|\bse\b")
_PLACE = re.compile(r"\b(?:a|au siege de [^,]{0,40} a)\s+$")


@dataclass(frozen=True)
class Arg:
    """A person argument of a fact: a named person or a resolved description."""

    name: str
    country: str | None
    start: int
    end: int
    title: str | None = None
    role: str | None = None


#: a name this close after an argument's phrase is apposed to it (one space)
APPOSED = 2
_TWO = re.compile(r"\bdeux\s+$")
_LEADER_WORD = re.compile(r"\b(?:dirigeante?|leader)\b")
#: roles (``titles.tsv``, ``role_rules.tsv``) that "le dirigeant X" may stand for
LEADER_ROLES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "deputy_head_of_government",
        "party_leader",
        "parliament_leader",
        "leader",
        "deputy_leader",
        "local_leader",
        "local_party_leader",
        "local_government_leader",
        "counterpart",
    }
)
#: what ends an enumeration of persons: another verb or clause
_NOT_APPOSED = re.compile(
    r"\b(?:a|ont|est|sont|avait|avaient|qui|que|dont|avant de|avant d'|afin|pour|devrai\w*"
    r"|doi\w+|ser\w+|va|vont|s'|se)\b"
)
#: what joins coordinated persons: "X et Y", "X, Y"
_COORD = re.compile(r"\bet\b|^\s*,\s*$")


def coordinated(
    lower: str, before: list[Arg], verb_between: re.Pattern[str], *, one_position: bool = False
) -> list[Arg]:
    """The persons coordinated at the end of ``before`` (arguments in text order, ``lower`` the
    sentence's lowercased text): walking back while "et" or a comma, and no verb
    (``verb_between``), joins them.  With ``one_position``, every argument at the last one's
    position is kept ("les deux dirigeants": two persons at one place)."""
    if not before:
        return []
    last = before[-1]
    kept = [a for a in before if a.start == last.start] if one_position else [last]
    for prev in reversed(before if one_position else before[:-1]):
        if one_position and prev.start >= kept[0].start:
            continue
        between = lower[prev.end : kept[0].start]
        if _COORD.search(between) and not verb_between.search(between):
            kept.insert(0, prev)
        else:
            break
    return kept


def continued(lower: str, kept: list[Arg], candidates: list[Arg]) -> list[Arg]:
    """``kept`` (arguments in text order) and the candidates of the rule's window that follow
    its last one with no verb or clause word between: the parse gives the
    head of an enumeration; its tail ("..., B, et le président C", "A, ambassadeur de l'Inde ;
    B, ambassadeur du Chili") is often attached elsewhere."""
    if not kept:
        return kept
    out = list(kept)
    names = {a.name for a in out}
    for cand in sorted(candidates, key=lambda a: a.start):
        if cand.start <= out[-1].start or cand.name in names:
            continue
        between = lower[out[-1].end : cand.start]
        if not _NOT_APPOSED.search(between):
            out.append(cand)
            names.add(cand.name)
        else:
            break
    return out


#: the main verb after a participial opening ("Recevant X, Y | a souligné")
_MAIN_VERB = re.compile(r"\b(?:a|ont)\s+(?!été\b)\w+")


def participial_opening(
    ctx: DocContext, index: int, end: int, *, refs: bool = False
) -> tuple[list[Arg], list[Arg]]:
    """ "Recevant X, Y a souligné", "S'entretenant avec X, Y a souhaité": the persons between
    the participle (ending at ``end``) and the main verb; the last is the subject, the others
    are its objects.  With ``refs``, coreferring phrases count too."""
    sm = ctx.sentences[index]
    verb = _MAIN_VERB.search(sm.lower, end)
    stop = verb.start() if verb else len(sm.text)
    found = ctx.args(index, end, stop) + (ctx.refs(index, end, stop) if refs else [])
    found = _unique(found)
    return found[-1:], found[:-1]


def _same_side(a: str | None, b: str | None) -> bool:
    """Whether two countries may be one ("le dirigeant lao, X" with X of Laos or unknown)."""
    return a is None or b is None or a == b


def _unique(args: list[Arg]) -> list[Arg]:
    out: list[Arg] = []
    for arg in sorted(args, key=lambda a: a.start):
        if not any(o.name == arg.name for o in out):
            out.append(arg)
    return out


@dataclass
class DocContext:
    document: Document
    sentences: list[SentenceMentions]
    pair: tuple[str, str] | None
    persons: list[tuple[int, PersonHit]] = field(default_factory=list)
    #: the two principal persons of the event the document is about (see :mod:`frame`)
    frame: tuple[Arg, Arg] | None = None
    #: the dependency parse of the sentences that need one (see :mod:`kg.extract.syntax`)
    parses: dict[int, SentenceParse] = field(default_factory=dict)

    def parsed(self, index: int, start: int, end: int) -> TriggerArgs | None:
        """The parse's arguments of the trigger matched at ``start..end`` of sentence
        ``index``, or None when the sentence was not parsed."""
        found = self.parses.get(index)
        return found.at(start, end) if found else None

    def in_role(self, args: list[Arg], found: TriggerArgs | None, *roles: str) -> list[Arg]:
        """The arguments of ``args`` that the parse puts in one of ``roles``."""
        if found is None:
            return []
        spans = found.spans(*roles)
        return [a for a in args if within(a.start, spans, slack=APPOSED)]

    def subjects(
        self, index: int, trigger: tuple[int, int], window: list[Arg], *roles: str
    ) -> list[Arg]:
        """The subjects of a trigger as the parse reads them (``roles``, e.g. "subject"),
        else those the rule's window found.  When the window's coordination holds the parse's
        subjects, the window stands: "X, vice-ministre ..., et son homologue Y, ont
        coprésidé" (the parser keeps only the last conjunct)."""
        found = self.parsed(index, *trigger)
        if found is None:
            return window
        got = _unique(self.in_role(self._mentioned(index), found, *roles))
        if {a.name for a in got} <= {a.name for a in window}:
            return window
        return got

    def objects(
        self,
        index: int,
        trigger: tuple[int, int],
        window: list[Arg],
        *roles: str,
        exclude: Sequence[Arg] = (),
    ) -> list[Arg]:
        """The objects of a trigger as the parse reads them (``roles``), with the window's
        persons coordinated after them ("A, B, et le président C": the tail the parser
        attaches elsewhere); the window's when the parse gives none."""
        found = self.parsed(index, *trigger)
        if found is None:
            return window
        names = {a.name for a in exclude}
        got = [
            a
            for a in _unique(self.in_role(self._mentioned(index), found, *roles))
            if a.name not in names
        ]
        if not got:
            return window
        return continued(self.sentences[index].lower, got, window)

    def _mentioned(self, index: int) -> list[Arg]:
        """Every person sentence ``index`` names, describes or refers to."""
        end = len(self.sentences[index].text)
        return self.args(index, 0, end) + self.refs(index, 0, end)

    def person_country(self, name: str) -> str | None:
        key = fold_name(name)
        for _, p in self.persons:
            if fold_name(p.name) == key and p.country:
                return p.country
        return None

    def args(self, index: int, start: int, end: int) -> list[Arg]:
        """Persons and resolved descriptions of sentence ``index`` within ``start..end``."""
        sm = self.sentences[index]
        out = [
            Arg(p.name, p.country or self.person_country(p.name), p.start, p.end, p.title, p.role)
            for p in sm.persons
            if start <= p.start and p.end <= end
        ]
        for d in sm.descriptions:
            if (
                any(
                    0 <= p.start - d.end <= 160 and not _VERB_GAP.search(sm.lower[d.end : p.start])
                    for p in sm.persons
                )
                and d.role == "counterpart"
            ):
                continue  # "son homologue cambodgien, le vice-Premier ministre ... X" is X
            if start <= d.start and d.end <= end + 40 and d.start < end:
                person = self.resolve(index, d.role, d.country, d.title)
                if person is not None:
                    out.append(
                        Arg(person.name, person.country, d.start, d.start + 1, d.title, d.role)
                    )
        return sorted(out, key=lambda a: a.start)

    def refs(self, index: int, start: int, end: int) -> list[Arg]:
        """Persons that the coreferring phrases of ``start..end`` stand for ("les deux
        dirigeants", "ils", "il", "son hôte", "la partie laotienne"), from the event frame
        and the topic of the text (``kg/patterns/coreference.jsonl``)."""
        sm = self.sentences[index]
        out: list[Arg] = []
        for ref, pattern in lexicon().coreference:
            # The whole sentence is searched (a lookahead may read past ``end``).
            for m in pattern.finditer(sm.folded):
                if not start <= m.start() < end:
                    continue
                if sm.in_person(m.start(), m.end()) or any(
                    0 <= p.start - m.end() <= 3
                    or (
                        ref.refers in ("other", "country")
                        and 0 <= p.start - m.end() <= 160
                        and not _VERB_GAP.search(sm.lower[m.end() : p.start])
                        and _same_side(self._phrase_country(m.group(0)), p.country)
                    )
                    for p in sm.persons
                ):
                    # "les deux présidents X et Y": the phrase is the title of named persons
                    continue
                for arg in self._refer(index, m.start(), ref.refers, m.group(0)):
                    out.append(Arg(arg.name, arg.country, m.start(), m.end(), arg.title, arg.role))
        return sorted(out, key=lambda a: a.start)

    def _refer(self, index: int, position: int, refers: str, phrase: str) -> list[Arg]:
        frame = self.frame
        if refers == "pair":
            return list(frame) if frame else []
        country = self._phrase_country(phrase)
        topic = self.topic(index, position, country if refers == "topic" else None)
        if refers == "topic":
            return [topic] if topic else []
        if refers == "other" and frame and topic:
            # "son hôte", "son homologue": the principal who is not the topic
            names = [a.name for a in frame]
            if topic.name in names:
                return [frame[1 - names.index(topic.name)]]
            return []
        if refers == "country":
            # "la partie laotienne", "la délégation lao": the principal of that country, else
            # the latest subject of that country
            in_frame = [a for a in frame or () if country and a.country == country][:1]
            if in_frame and _LEADER_WORD.search(phrase) and not self._leads(in_frame[0].name):
                # "le dirigeant sud-coréen" is not the Korean ambassador the page is about
                return []
            if in_frame or not country:
                return in_frame
            other = self.topic(index, position, country)
            return [other] if other else []
        return []

    def _leads(self, name: str) -> bool:
        """Whether the document's titles make ``name`` a leader (not an ambassador or a
        minister): what "le dirigeant lao" can stand for.  Unknown roles count as leaders."""
        key = fold_name(name)
        roles = {p.role for _, p in self.persons if fold_name(p.name) == key and p.role}
        return not roles or bool(roles & LEADER_ROLES)

    def _phrase_country(self, phrase: str) -> str | None:
        lex = lexicon()
        for word in reversed(phrase.split()):
            for row in lex.country_forms.get(word, ()):
                if row.kind in ("demonym", "name"):
                    return row.iso2
        return None

    def end_of(self, index: int, arg: Arg) -> int:
        """Where ``arg`` ends in sentence ``index``: a resolved description ("le chef du
        gouvernement vietnamien") ends with its words, not at its first letter."""
        if arg.end == arg.start + 1:
            for d in self.sentences[index].descriptions:
                if d.start == arg.start:
                    return d.end
        return arg.end

    def topic(self, index: int, position: int, country: str | None = None) -> Arg | None:
        """What "il"/"elle" stands for: the latest person written as a clause subject (before
        its verb) before ``position`` of sentence ``index`` ("le dirigeant vietnamien": the
        latest of that country)."""
        for i in range(index, -1, -1):
            sm = self.sentences[i]
            limit = position if i == index else len(sm.text)
            best: Arg | None = None
            for arg in self.args(i, 0, limit):
                if country and arg.country != country:
                    continue
                # "les deux présidents" are two persons, no topic
                end = self.end_of(i, arg)
                if _TWO.search(sm.folded, max(0, arg.start - 8), arg.start):
                    continue
                if _SUBJECT_SLOT.match(sm.lower, end) or _SUBJECT_SLOT_AFTER_TITLE.match(
                    sm.lower, end
                ):
                    best = arg
            if best is not None:
                return best
        return None

    def _names_vietnam(self) -> bool:
        """Whether the document names Vietnam (then "les deux pays" include it)."""
        return any(
            h.iso2 == "VN" and h.kind == "name" for sm in self.sentences for h in sm.countries
        )

    def resolve(self, index: int, role: str, country: str | None, title: str) -> PersonHit | None:
        """The person a title-only description stands for, or None when unclear."""
        head = fold(title).split(" ")[0]
        subject_role = next(
            (p.role for p in reversed(self.sentences[index].persons) if p.role), None
        )

        def fits(p: PersonHit) -> bool:
            if country and p.country and country != p.country:
                return False
            if role == "counterpart" and country:
                # "son homologue cambodgien": of that country, with the subject's role
                return p.country == country and (subject_role is None or p.role == subject_role)
            same_role = role not in ("leader", "official", "counterpart") and (
                p.role == role or bool(p.title and role in roles_of(p.title, lexicon()))
            )
            return same_role or bool(p.title and head in fold(p.title).split())

        before = [p for i, p in self.persons if i < index and fits(p)]
        if before:
            return before[-1]
        after = [p for i, p in self.persons if i >= index and fits(p)]
        return after[0] if after else None

    def pair_for(self, index: int) -> tuple[str, str] | None:
        """The two countries "les deux pays" stands for in sentence ``index``."""
        isos = _distinct(self.sentences[index])
        if len(isos) >= 2:
            return isos[0], isos[1]
        if self.pair and ("VN" in self.pair or self._names_vietnam()):
            # A page that tells several visits of a Vietnamese leader: "les deux pays" are
            # Vietnam and the one foreign country of this or the two sentences before.
            foreign = one_foreign(self.sentences, index)
            if foreign:
                return "VN", foreign
        return self.pair


def _distinct(sm: SentenceMentions, *, organisations: bool = False) -> list[str]:
    """The countries a sentence names, in order; an organisation such as the EU only with
    ``organisations`` (its officials belong to it, but it is none of "les deux pays")."""
    seen: list[str] = []
    orgs = {} if organisations else lexicon().org_countries
    for hit in sm.countries:
        if hit.kind != "capital" and hit.iso2 not in seen and hit.iso2 not in orgs:
            seen.append(hit.iso2)
    return seen


def _person_triggers(folded: str) -> list[tuple[str, re.Pattern[str]]]:
    """The trigger patterns of facts about persons worth trying on a sentence (meeting ones
    only when a meeting word is there: a cheap gate)."""
    lex = lexicon()
    kinds: tuple[str, ...] = ("reception", "visit", "meeting")
    if not lex.cues["meeting_words"].search(folded):
        kinds = ("reception", "visit")
    return [(kind, pattern) for kind in kinds for _, pattern in lex.triggers.get(kind, ())]


def has_trigger(text: str) -> bool:
    """Whether a sentence can hold a fact about persons (a cheap scan before spaCy)."""
    folded = fold(text)
    return any(pattern.search(folded) for _, pattern in _person_triggers(folded))


def _ner_spans(
    document: Document, first_pass: list[SentenceMentions]
) -> list[list[tuple[int, int]]]:
    spans: list[list[tuple[int, int]]] = [[] for _ in document.sentences]
    if not use_ner():
        return spans
    wanted = [
        i
        for i, sent in enumerate(document.sentences)
        if first_pass[i].unvouched and has_trigger(sent.text)
    ]
    for i, found in zip(
        wanted, person_spans([document.sentences[i].text for i in wanted]), strict=True
    ):
        spans[i] = found
    return spans


def _trigger_spans(folded: str) -> list[tuple[int, int]]:
    """Where the triggers of facts about persons match in a sentence."""
    spans = {m.span() for _, pattern in _person_triggers(folded) for m in pattern.finditer(folded)}
    return sorted(spans)


def _parses(sentences: list[SentenceMentions]) -> dict[int, SentenceParse]:
    """Parse the trigger sentences that name at least :data:`MIN_MENTIONS` persons: there the
    order of the words no longer tells who is who."""
    if not use_ner():
        return {}
    wanted: list[int] = []
    spans: list[list[tuple[int, int]]] = []
    for i, sm in enumerate(sentences):
        if len(sm.persons) + len(sm.descriptions) < MIN_MENTIONS:
            continue
        found = _trigger_spans(sm.folded)
        if found:
            wanted.append(i)
            spans.append(found)
    docs = parse([sentences[i].text for i in wanted])
    return dict(zip(wanted, parse_args(docs, spans), strict=True))


def use_ner() -> bool:
    """spaCy's person entities are on unless ``KG_NO_NER=1`` (rule tests run without a model)."""
    return os.environ.get("KG_NO_NER", "") not in ("1", "true", "yes")


def analyse_document(document: Document) -> DocContext:
    """Analyse every sentence of ``document`` and find its country pair."""
    known: dict[str, str | None] = {}
    sentences = [analyse(sent, known) for sent in document.sentences]
    # spaCy only reads trigger sentences that hold a name nothing else vouched for; the second
    # pass also gives earlier sentences the persons a later title made known.
    ner = _ner_spans(document, sentences)
    sentences = [analyse(sent, known, ner[i]) for i, sent in enumerate(document.sentences)]
    pair = _document_pair(document, sentences)
    sides = _document_pair(document, sentences, organisations=True)
    _foreign_titles(sentences, (sides[1] if sides[0] == "VN" else sides[0]) if sides else None)
    _organisation_persons(sentences)
    ctx = DocContext(document=document, sentences=sentences, pair=pair, parses=_parses(sentences))
    ctx.persons = [(i, p) for i, sm in enumerate(sentences) for p in sm.persons]
    return ctx


def _document_pair(
    document: Document, sentences: list[SentenceMentions], *, organisations: bool = False
) -> tuple[str, str] | None:
    """The two sides the document is about: the first two countries named, the headline
    first (with ``organisations``, the EU counts as a side)."""
    seen: list[str] = []
    order = sorted(range(len(sentences)), key=lambda i: document.sentences[i].part != "headline")
    for i in order:
        for iso in _distinct(sentences[i], organisations=organisations):
            if iso not in seen:
                seen.append(iso)
        if len(seen) >= 2:
            break
    if len(seen) >= 2:
        return seen[0], seen[1]
    if len(seen) == 1 and seen[0] != "VN":
        return "VN", seen[0]
    return None


def _organisation_persons(sentences: list[SentenceMentions]) -> None:
    """A person of the European Union represents an organisation: ``ORG:UE`` (spec: heads and
    officials of international organisations get ``ORG:<acronym>``)."""
    orgs = lexicon().org_countries
    for sm in sentences:
        if any(p.country in orgs for p in sm.persons):
            sm.persons = [
                replace(p, country=orgs[p.country]) if p.country in orgs else p for p in sm.persons
            ]


def _foreign_titles(sentences: list[SentenceMentions], foreign: str | None) -> None:
    """A titled person with no country written whose name is not Vietnamese, or who holds a
    title Vietnam does not have ("le roi", "le président du Sénat"), is of the foreign country
    named around the mention, else of the document's other country."""
    names: dict[str, str] = {}
    for i, sm in enumerate(sentences):
        for p in sm.persons:
            if p.country is None and p.title and fold_name(p.name) not in names:
                country = one_foreign(sentences, i, organisations=True) or foreign
                if country:
                    names[fold_name(p.name)] = country
    if not names:
        return
    for sm in sentences:
        sm.persons = [
            replace(p, country=names[fold_name(p.name)])
            if p.country is None and fold_name(p.name) in names
            else p
            for p in sm.persons
        ]


def one_foreign(
    sentences: list[SentenceMentions], index: int, *, organisations: bool = False
) -> str | None:
    """The one foreign country named in sentence ``index`` or the two before it (None when
    the nearest sentence naming any names several); an organisation (the EU) counts only with
    ``organisations``."""
    skip = {} if organisations else lexicon().org_countries
    for i in range(index, max(-1, index - 3), -1):
        foreign = {
            h.iso2
            for h in sentences[i].countries
            if h.kind in ("name", "demonym") and h.iso2 != "VN" and h.iso2 not in skip
        }
        if len(foreign) == 1:
            return foreign.pop()
        if foreign:
            return None
    return None


def country_actor(iso2: str) -> Actor:
    lex = lexicon()
    return Actor(
        id=f"country:{iso2}", name=lex.country_display.get(iso2, iso2), kind="country", country=iso2
    )


def city_actor(city: str, country: str) -> Actor:
    return Actor(id=f"place:{slug(city)}", name=city, kind="place", country=country)


def person_actor(arg: Arg) -> Actor:
    return Actor(id=f"person:{slug(arg.name)}", name=arg.name, kind="person", country=arg.country)


def place_of(sm: SentenceMentions) -> str | None:
    """The city where the sentence says something happened ("à Hanoï")."""
    for city in sm.cities:
        if _PLACE.search(sm.folded[max(0, city.start - 60) : city.start]):
            return city.text
    return None


def date_near(sm: SentenceMentions, position: int) -> tuple[DateValue | None, str | None]:
    """The date value closest to ``position`` and, for a bare weekday, its text."""
    hit: DateHit | None = nearest_date(sm.text, position)
    if hit is None:
        return None, None
    return hit.value, (hit.weekday if hit.value is None else None)


def make_fact(
    ctx: DocContext,
    index: int,
    *,
    type: FactType,
    roles: dict[str, Actor | tuple[Actor, ...]],
    rule: str,
    confidence: float,
    date: DateValue | None = None,
    place: str | None = None,
    attributes: dict[str, Any] | None = None,
) -> Fact:
    """A fact read in sentence ``index`` of the document, with its evidence."""
    sent = ctx.document.sentences[index]
    attributes = dict(attributes or {})
    if isinstance(date, str):
        for hit in find_dates(sent.text):
            if hit.value == date and hit.weekday:
                attributes["weekday"] = f"{hit.weekday} {date}"
    evidence = Evidence(
        article=ctx.document.article,
        doc=ctx.document.id,
        section=ctx.document.section,
        sentence=sent.text,
        span=(sent.start, sent.end),
    )
    return Fact(
        type=type,
        roles=roles,
        date=date,
        place=place,
        attributes={k: v for k, v in attributes.items() if v is not None},
        evidence=evidence,
        rule=rule,
        confidence=confidence,
        id=fact_id(type, roles, ctx.document.id, index, rule),
    )


def fact_id(
    type: str, roles: dict[str, Actor | tuple[Actor, ...]], doc: str, index: int, rule: str
) -> str:
    parts = [type, doc, str(index), rule]
    for role, value in sorted(roles.items()):
        actors = value if isinstance(value, tuple) else (value,)
        parts.append(role + "=" + ",".join(a.id for a in actors))
    return make_fact_id(parts)
