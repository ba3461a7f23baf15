"""Mentions of countries, cities, organisations and persons in one sentence.

Persons are found the way a reader of VNA finds them: a run of capitalised name words that a
title ("le ministre chinois des Affaires étrangères Wang Yi", "Xiong Bo, ambassadeur de
Chine"), an honorific ("M. Samuel Perez") or a coordination with such a name ("les deux
présidents A et B") marks as a person.  The country of a person comes from the title: a
demonym, "de/du/des <pays>" (the sending country, not "au <pays>" where an ambassador
serves), an organisation with a country (PCV, PPRL) or an international organisation
(``ORG:UNICEF``); a title without any qualifier is Vietnamese.  A title with no name after it
("le chef de la diplomatie chinoise") is a :class:`Description`, resolved later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from kg.datafiles import wordlist
from kg.lexicon import Lexicon, lexicon
from kg.model import Sentence
from kg.textutil import fold

_NAME_TOKEN = r"(?:[A-Z]\.|[A-ZÀ-ÖØ-ÞĐ][\w]*(?:-[\w]+)*)"
_NAME_RUN_CACHE: dict[frozenset[str], re.Pattern[str]] = {}


def _name_run(particles: frozenset[str]) -> re.Pattern[str]:
    """Capitalised words, possibly joined by lowercase name particles ("van", "bin")."""
    if particles not in _NAME_RUN_CACHE:
        glue = "|".join(sorted(particles))
        _NAME_RUN_CACHE[particles] = re.compile(
            rf"{_NAME_TOKEN}(?: (?:(?:{glue}) )*{_NAME_TOKEN})*"
        )
    return _NAME_RUN_CACHE[particles]


_ACRONYM = re.compile(r"^[A-Z0-9]{2,}$")
_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z0-9]{1,9})\s*\)")
_KIND_ORDER = ("name", "demonym", "capital", "prefix", "display")
_LOCATIVE = re.compile(r"(?:\b(?:au|aux|en|a|dans)\s+(?:la |le |l'|les )?)$")
_VERB_GAP = re.compile(
    r"\b(?:a|ont|est|sont|qui|que|avait|sera|va|vont|avec|par)\b|\bs'|\bse\b|[;.]"
)
#: finite verbs that end a title or description ("le chef du gouvernement | effectue ...")
_FINITE_VERBS = (
    r"a|ont|sont|est|avait|avaient|aura|auront|etait|était|va|vont|sera|seront|doit|doivent"
    r"|devrait|devraient|se|s'est|effectuera|effectueront|effectue|effectuent|entame|entament"
    r"|conclut|recoit|reçoit|recevra|rencontre|rencontrera|preside|préside|participe|assiste"
    r"|a-t-il"
)
_TITLE_END = re.compile(
    r"[;]|,(?!\s*(?:de |du |des |d'|et (?:de |du |des |d'|le |la |l'|chef|president|secretaire|membre|ministre)))"
    rf"|\ss'[a-z]|\s(?:qui|{_FINITE_VERBS})\s"
)
#: a regnal number is part of a name ("Charles III"), not an acronym
_REGNAL = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")
_PLURAL_BEFORE = re.compile(r"\b(?:les|des|aux|ces|leurs|ses)\s+$")
_DETERMINER_BEFORE = re.compile(r"(?:^|\b(?:les|des|aux|deux))\s*$")
_LED_BY = re.compile(
    r"\bdelegation\b[^;]{0,200}?,?\s+conduite? par\s+(?:son|sa|leur)\s+[^,;]{0,40},?\s*(?:le |la |l')?$"
)
_NAME_AFTER = re.compile(r" ([A-Z][a-zà-ÿ]+)\b(?![\s]*[-–])")
_GOVERNED = re.compile(r"\b(?:de|du|des|au|aux|en|le|la|l'|a|et|d'|vers|avec)\s*$")
_COUNTERPART = re.compile(r"\bhomologue ([a-z-]+)\s*,\s*(?:le |la |l')?$")
_OTHER_LEADERS = re.compile(r"\s*et d'autres \w+ (\w+)")


@dataclass(frozen=True)
class CountryHit:
    iso2: str
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CityHit:
    city: str
    country: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OrgHit:
    acronym: str
    country: str
    start: int
    end: int


@dataclass(frozen=True)
class PersonHit:
    """A named person: ``start``/``end`` is the name; the title span may be either side."""

    name: str
    start: int
    end: int
    title: str | None
    title_start: int
    title_end: int
    country: str | None
    role: str | None
    cue: str


@dataclass(frozen=True)
class Description:
    """A title without a name ("le ministre vietnamien"), to be resolved to a person."""

    title: str
    start: int
    end: int
    country: str | None
    role: str


@dataclass
class SentenceMentions:
    """Everything found in one sentence; offsets are indices into ``text``."""

    sentence: Sentence
    text: str
    folded: str
    lower: str
    countries: list[CountryHit] = field(default_factory=list)
    cities: list[CityHit] = field(default_factory=list)
    orgs: list[OrgHit] = field(default_factory=list)
    persons: list[PersonHit] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    #: name-like runs no title, honorific or known name vouched for (spaCy may)
    unvouched: list[tuple[int, int]] = field(default_factory=list)

    def persons_in(self, start: int, end: int) -> list[PersonHit]:
        return [p for p in self.persons if start <= p.start and p.end <= end]

    def countries_in(self, start: int, end: int) -> list[CountryHit]:
        return [c for c in self.countries if start <= c.start and c.end <= end]

    def in_person(self, start: int, end: int) -> bool:
        """Whether ``start..end`` lies inside a person's name or title."""
        for p in self.persons:
            if p.start <= start and end <= p.end:
                return True
            if p.title and p.title_start <= start and end <= p.title_end:
                return True
        return any(d.start <= start and end <= d.end for d in self.descriptions)


def find_countries(text: str, folded: str, lex: Lexicon) -> list[CountryHit]:
    hits = []
    for m in lex.country_regex.finditer(folded):
        surface = text[m.start() : m.end()]
        upper = surface[:1].isupper()
        after_det = bool(_DETERMINER_BEFORE.search(folded[max(0, m.start() - 6) : m.start()]))
        rows = [
            r
            for r in lex.country_forms.get(m.group(0), ())
            # Names and capitals are capitalised; a capitalised demonym is a noun of
            # inhabitants ("les Russes") only after a determiner.
            if (r.kind in ("name", "capital") and upper)
            or (r.kind == "demonym" and (not upper or after_det))
        ]
        if not rows:
            continue
        row = min(rows, key=lambda r: _KIND_ORDER.index(r.kind))
        if (
            row.kind == "name"
            and not _GOVERNED.search(folded[max(0, m.start() - 5) : m.start()])
            and _NAME_AFTER.match(text, m.end())
        ):
            # "Salvador Chapman": a country name that starts a person's name.
            following = _NAME_AFTER.match(text, m.end())
            if following and following.group(1) not in lex.name_stopwords:
                continue
        hits.append(CountryHit(row.iso2, row.kind, m.start(), m.end(), surface))
    for m in lex.prefix_regex.finditer(folded):
        forms = lex.country_forms.get(m.group(0), ())
        if forms:
            hits.append(CountryHit(forms[0].iso2, "prefix", m.start(), m.end(), m.group(0)))
    return sorted(hits, key=lambda h: h.start)


def find_cities(text: str, folded: str, lex: Lexicon) -> list[CityHit]:
    hits = []
    for m in lex.city_regex.finditer(folded):
        city = lex.cities[m.group(0)]
        surface = text[m.start() : m.end()]
        if surface[:1].isupper():
            hits.append(CityHit(city.id, city.country, m.start(), m.end(), surface))
    return hits


def find_orgs(text: str, folded: str, lex: Lexicon) -> list[OrgHit]:
    """Organisations by acronym ("PCV") or full name ("Parti communiste du Vietnam"): one
    acronym, so both spellings make one node."""
    hits = []
    for m in lex.org_regex.finditer(text):
        org = lex.organizations[m.group(0)]
        hits.append(OrgHit(org.acronym, org.country, m.start(), m.end()))
    for m in lex.org_name_regex.finditer(folded):
        if text[m.start()].isupper():
            org = lex.organizations[lex.org_names[m.group(0)]]
            hits.append(OrgHit(org.acronym, org.country, m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


@cache
def _royal_before() -> re.Pattern[str]:
    """A monarch's title ending right before a word (``monarch_titles.txt``), with an optional
    demonym: "l'empereur japonais |Naruhito"."""
    titles = sorted(wordlist("monarch_titles.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, titles)) + r")(?: [a-z-]+)?\s+$")


@cache
def _vn_syllables() -> frozenset[str]:
    return wordlist("vietnamese_name_syllables.txt", single=True)


def vietnamese_name(name: str) -> bool:
    """Whether every word of ``name`` is a syllable of Vietnamese names ("Pham Minh Chinh").

    Examples:
        >>> vietnamese_name("Trân Thanh Mân"), vietnamese_name("Hun Manet")
        (True, False)
        >>> vietnamese_name("Nguyen Van Duoc"), vietnamese_name("Ferdinand Marcos Jr")
        (True, False)
    """
    words = re.findall(r"[a-z]+", fold(name))
    known = sum(1 for w in words if w in _vn_syllables())
    # one syllable the list lacks is allowed in a name of three or more ("Nguyen Van Duoc")
    return bool(words) and (known == len(words) or (len(words) >= 3 and known == len(words) - 1))


def role_of(title: str, lex: Lexicon) -> str:
    """The normalised role of a title: the role rules first, then the title's head word."""
    folded = fold(title)
    for rule in lex.role_rules:
        if re.search(rule.pattern, folded):
            return rule.role
    m = lex.title_regex.search(folded)
    return lex.titles[m.group(0)].role if m else "official"


def roles_of(title: str, lex: Lexicon) -> frozenset[str]:
    """Every role a title gives, one per office it joins: "vice-Premier ministre et ministre
    des Affaires étrangères" is a deputy prime minister and a foreign minister."""
    parts = re.split(r",\s+|\s+et\s+(?=(?:vice-)?(?:premier |premiere )?\w+)", title)
    return frozenset(role_of(part, lex) for part in parts if part.strip())


def title_country(mentions: SentenceMentions, start: int, end: int, lex: Lexicon) -> str | None:
    """The country a title qualifies its holder with, or None when it names none."""
    folded = mentions.folded
    fallback = None
    for hit in mentions.countries_in(start, end):
        if hit.kind == "capital":
            continue
        if _LOCATIVE.search(folded[max(start, hit.start - 12) : hit.start]):
            fallback = fallback or hit.iso2
            continue
        return hit.iso2
    if fallback:
        return fallback
    for org in mentions.orgs:
        if start <= org.start and org.end <= end and org.country:
            return f"ORG:{org.acronym}" if org.country == "ORG" else org.country
    m = _PAREN_ACRONYM.search(mentions.text[start:end])
    if m and m.group(1) not in lex.organizations:
        return f"ORG:{m.group(1)}"
    for city in mentions.cities:
        # "président du Comité populaire de Hô Chi Minh-Ville": the city's country
        if start <= city.start and city.end <= end and city.country:
            return city.country
    return None


def _split_run(
    run: re.Match[str], lex: Lexicon, blocked: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Cut a capitalised run into name candidates at stop words, acronyms and gazetteer hits."""
    tokens = [
        (m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\S+", run.group(0))
    ]
    text = run.string
    segments: list[list[tuple[int, int]]] = [[]]
    for i, (s, e) in enumerate(tokens):
        word = text[s:e]
        stop = (
            word in lex.name_stopwords
            or (word in lex.name_leading_stopwords and not segments[-1])
            or fold(word) in lex.titles
            or (bool(_ACRONYM.match(word)) and not (_REGNAL.match(word) and segments[-1]))
            or any(bs <= s < be for bs, be in blocked)
        )
        if word in ("Le", "La") and stop and i + 2 < len(tokens):
            nxt = text[tokens[i + 1][0] : tokens[i + 1][1]]
            follow_ok = nxt not in lex.name_stopwords and not any(
                bs <= tokens[i + 1][0] < be for bs, be in blocked
            )
            if follow_ok and (segments[-1] or _after_title(text, s, lex)):
                stop = False
        if stop:
            segments.append([])
        else:
            segments[-1].append((s, e))
    out = []
    for seg in segments:
        while (
            seg
            and text[seg[-1][0] : seg[-1][1]].endswith(".")
            and len(text[seg[-1][0] : seg[-1][1]]) == 2
        ):
            seg = seg[:-1]
        if len(seg) >= 2 or (
            seg and _royal_before().search(fold(text[max(0, seg[0][0] - 40) : seg[0][0]]))
        ):
            # one word is a name after a monarch's title: "l'empereur japonais Naruhito"
            out.append((seg[0][0], seg[-1][1]))
    return out


def _after_title(text: str, position: int, lex: Lexicon) -> bool:
    left = fold(text[max(0, position - 40) : position]).rstrip(" ,")
    return any(left.endswith(form) for form in lex.titles)


def _title_before(
    mentions: SentenceMentions, start: int, lex: Lexicon, names: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The span of a title that ends right before a name, if any."""
    folded = mentions.folded
    lo = max(0, start - 160)
    best = None
    for m in lex.title_regex.finditer(folded, lo, start):
        best = m
    if best is None:
        return None
    gap = folded[best.end() : start]
    if _VERB_GAP.search(mentions.lower[best.end() : start]) or any(
        best.end() <= s < start for s, _ in names
    ):
        return None
    if len(gap) > 130 or re.search(r",\s+(?:a|au|aux|dans|en|lors|pour|apres)\b", gap):
        return None
    t_start = best.start()
    # Coordinated titles of one person: "du secrétaire général du PCC et du président Xi".
    coord = re.search(r"(?:,| et)\s+(?:du |de la |de l'|le |la |l')?$", folded[lo:t_start])
    if coord:
        prev = None
        for m in lex.title_regex.finditer(folded, lo, lo + coord.start()):
            prev = m
        if prev is not None:
            between = mentions.lower[prev.end() : lo + coord.start()]
            if not _VERB_GAP.search(between) and not any(
                prev.end() <= s < t_start for s, _ in names
            ):
                t_start = prev.start()
    end = start
    while end > t_start and mentions.text[end - 1] in " ,":
        end -= 1
    return t_start, end


_OF_END = re.compile(r"\b(?:de|du|des|d'|de la|de l')\s*$")
_ARTICLE_END = re.compile(r"\b(?:le|la|l')\s*$")
#: a finite verb right after a title, with no comma between: the title is the verb's subject
_FINITE_NEXT = re.compile(rf"\s+(?:{_FINITE_VERBS}|s')\s")


def _title_after(mentions: SentenceMentions, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The span of an appositive title after a name: "Xiong Bo, ambassadeur de Chine"."""
    text, folded = mentions.text, mentions.folded
    m = re.compile(r"\s*(?:\([^)]{0,60}\))?\s*,\s*(?:le |la |l')?").match(text, end)
    if not m:
        return None
    t = lex.title_regex.match(folded, m.end())
    if not t:
        return None
    stop = _TITLE_END.search(mentions.lower, t.end())
    t_end = stop.start() if stop else len(text)
    while t_end > t.start() and text[t_end - 1] in " .":
        t_end -= 1
    return t.start(), t_end


def find_persons(
    mentions: SentenceMentions,
    lex: Lexicon,
    known: dict[str, str | None],
    ner: Sequence[tuple[int, int]] = (),
) -> None:
    """Fill ``mentions.persons`` and ``mentions.descriptions``.

    ``known`` maps folded names already accepted in the document to their country, so that a
    later bare mention ("Nguyen Phu Trong a insisté") is still a person.
    """
    text = mentions.text
    blocked = [(c.start, c.end) for c in mentions.countries] + [
        (c.start, c.end) for c in mentions.cities
    ]
    candidates: list[tuple[int, int]] = []
    for run in _name_run(lex.name_particles).finditer(text):
        candidates.extend(_split_run(run, lex, blocked))
    accepted: list[PersonHit] = []
    bodies: set[tuple[int, int]] = set()
    place_before = lex.cues["place_before"]
    for start, end in candidates:
        lead = re.search(r"\b(L[eê]|La) $", text[max(0, start - 3) : start])
        if lead and fold(text[start - 3 : end]).lstrip() in known:
            # "Le Hoai Trung": the surname Lê written like the article
            start -= len(lead.group(0))
        name = text[start:end]
        if place_before.search(mentions.folded[max(0, start - 60) : start]):
            # "l'aéroport de Halim Perdanakusuma", "la province lao de Xieng Khouang"
            continue
        names = [c for c in candidates if c not in bodies]
        before = _title_before(mentions, start, lex, names)
        if before and _OF_END.search(mentions.folded[before[0] : start]):
            # "le président du Grand Khoural", "président de Samsung Electronics": a title
            # that ends on "de" is followed by the body it heads, not by a name
            bodies.add((start, end))
            continue
        if (
            before
            and "," in text[before[1] : start]
            and re.match(
                r"\s+(?:a|ont|est|sont|avait|avaient|va|sera|doit|devrait|s'|se)\b", text[end:]
            )
        ):
            # "présidée par le chef de l'État indonésien, Tô Lâm a eu": the title ends a
            # phrase of its own; an apposed name is closed by a comma ("le chef, X, a").
            before = None
        after = _title_after(mentions, end, lex)
        if after and any(
            after[0] <= s <= after[1] + 3 and not _OF_END.search(mentions.folded[after[0] : s])
            for s, _ in candidates
        ):
            # another name inside the title: not an apposition ("de Samsung Electronics" is
            # the body the title heads)
            after = None
        if (
            after
            and before
            and _ARTICLE_END.search(mentions.folded, end, after[0])
            and _FINITE_NEXT.match(text, after[1])
        ):
            # "S'entretenant avec le ministre russe, Sergueï Lavrov, le chef de la diplomatie
            # vietnamienne a souhaité": a titled name is closed by its comma; the title after
            # it, with its article and its verb, is the subject of that verb (an apposition
            # has no article: "Le général X, commandant adjoint de la zone a reçu")
            after = None
        honorific = re.search(r"(?:^|\s)(?:M\.|Mme|Mlle|Dr\.?|Pr\.|S\.E\.)\s*$", text[:start])
        cue = ""
        if after:
            cue = "title_after"
        elif before:
            cue = "title_before"
        elif honorific:
            cue = "honorific"
        elif fold(name) in known:
            cue = "known"
        elif accepted and re.fullmatch(r"\s+et\s+", text[accepted[-1].end : start]):
            cue = "coordination"
        elif any(s <= start and end <= e for s, e in ner):
            cue = "ner"
        if not cue:
            mentions.unvouched.append((start, end))
            continue
        spans = [s for s in (before, after) if s]
        title = ", ".join(text[s:e] for s, e in spans) or None
        country = None
        for span in (after, before):
            if span is not None and country is None:
                country = title_country(mentions, span[0], span[1], lex)
        other = _OTHER_LEADERS.match(mentions.folded, end)
        if country is None and other:
            forms = lex.country_forms.get(other.group(1), ())
            country = forms[0].iso2 if forms else None
        if country is None and before:
            # "une délégation du ministère cambodgien ..., conduite par son directeur, X":
            # the possessive ties X to the delegation, whose qualifier gives the country.
            led = _LED_BY.search(mentions.folded[: before[0]])
            if led:
                country = title_country(mentions, led.start(), led.end(), lex)
                cities = [c for c in mentions.cities if led.start() <= c.start < led.end()]
                if country is None and cities:
                    country = cities[-1].country  # "une délégation de Vientiane"
        if before and (country is None or cue == "title_before"):
            # "son homologue cambodgien, le vice-Premier ministre ... X": the counterpart's
            # demonym qualifies X
            counterpart = _COUNTERPART.search(mentions.folded[max(0, before[0] - 60) : before[0]])
            if counterpart and not title_country(mentions, before[0], before[1], lex):
                forms = lex.country_forms.get(counterpart.group(1), ())
                country = forms[0].iso2 if forms else country
        if country is None and known.get(fold(name)):
            country = known[fold(name)]
        if country is None and title and cue in ("title_before", "title_after"):
            head = fold(title)
            if not head.startswith(
                ("homologue", "son homologue", "les deux", "deux")
            ) and not lex.cues["foreign_title"].search(head):
                # Vietnamese when the name is; a foreign name takes the country of the text
                # around it (kg.extract.context: _foreign_titles)
                country = "VN" if vietnamese_name(name) else None
        t_start = min(s for s, _ in spans) if spans else start
        t_end = max(e for _, e in spans) if spans else end
        accepted.append(
            PersonHit(
                name=name,
                start=start,
                end=end,
                title=title,
                title_start=t_start,
                title_end=t_end,
                country=country,
                role=role_of(title, lex) if title else None,
                cue=cue,
            )
        )
        if cue != "ner":
            known.setdefault(fold(name), country)
    mentions.persons = accepted
    for m in lex.title_regex.finditer(mentions.folded):
        if mentions.in_person(m.start(), m.end()):
            continue
        if _PLURAL_BEFORE.search(mentions.folded, max(0, m.start() - 5), m.start()):
            continue  # "les présidents des deux chambres": several persons, no one to resolve
        stop = _TITLE_END.search(mentions.lower, m.end())
        d_end = stop.start() if stop else len(text)
        nxt = [p.start for p in accepted if p.start >= m.end()]
        if nxt and nxt[0] < d_end:
            continue
        while d_end > m.start() and text[d_end - 1] in " .,":
            d_end -= 1
        if any(
            re.fullmatch(r"\s*,\s*(?:et\s+)?", text[max(p.end, p.title_end) : m.start()])
            for p in accepted
            if max(p.end, p.title_end) <= m.start()
        ):
            # "X, membre du Comité central, secrétaire ... et gouverneur": one more title of X
            continue
        desc = text[m.start() : d_end]
        mentions.descriptions.append(
            Description(
                title=desc,
                start=m.start(),
                end=d_end,
                country=title_country(mentions, m.start(), d_end, lex),
                role=role_of(desc, lex),
            )
        )


def analyse(
    sentence: Sentence, known: dict[str, str | None], ner: Sequence[tuple[int, int]] = ()
) -> SentenceMentions:
    """Find every mention of one sentence; ``ner`` are spaCy's person spans, if any."""
    lex = lexicon()
    text = sentence.text
    folded = fold(text)
    lower = text.lower()
    mentions = SentenceMentions(
        sentence=sentence,
        text=text,
        folded=folded,
        lower=lower if len(lower) == len(text) else folded,
    )
    mentions.countries = find_countries(text, folded, lex)
    mentions.cities = find_cities(text, folded, lex)
    mentions.orgs = find_orgs(text, folded, lex)
    find_persons(mentions, lex, known, ner)
    return mentions
