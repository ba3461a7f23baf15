"""Repair scraping damage in one region of a page, keeping every offset.

Damage found in VNA pages: words glued at lost line breaks ("Enrecevant", "laDéfense",
"Nguyen Phu Tronga insisté"), a lost drop cap ("e secrétaire général"), typographic variety
(’, no-break spaces, "30ᵉ", « »), stray spaces ("(CIDHG )").  The repairs are found by general
rules over the French word-frequency lexicon of :mod:`wordfreq`, never from a list of the
damaged words.  They are applied as character edits so that every character of the repaired
text keeps the offset of the original character it comes from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from typing import Literal

from pydantic import Field
from wordfreq import zipf_frequency

from kg.datafiles import Row, tsv, wordlist
from kg.model import Repair

#: A word below this Zipf frequency is unknown to the French lexicon (names, glued words).
UNKNOWN_ZIPF = 1.2
#: The content word next to a glued function word ("de|déminage") must be at least this common.
WITH_FUNCTION_ZIPF = 2.5
#: Two glued content words, each at least ``CONTENT_MIN_LENGTH`` letters: both at least
#: ``CONTENT_ZIPF`` ("jugé|positive"), or one ``COMMON_ZIPF`` and the other ``RARE_CONTENT_ZIPF``
#: ("économique|eurasiatique").  In a capitalised token the first half must be the common one
#: ("Comité|intergouvernemental") or both ``COMMON_CAPITALISED_ZIPF`` ("Premier|ministre").
CONTENT_ZIPF = 3.0
COMMON_ZIPF = 4.5
RARE_CONTENT_ZIPF = 2.3
COMMON_CAPITALISED_ZIPF = 4.0
CONTENT_MIN_LENGTH = 4
#: A known word glued before an elided article ("reçu|l'ambassadeur") is at least this common.
ELISION_HEAD_ZIPF = 3.0
#: A word that gets an "L" back at the start of a paragraph must be at least this common.
DROP_CAP_ZIPF = 3.0

WORD = re.compile(r"[^\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]*")
#: A token longer than this is never split into two glued words (the longest French words
#: have about 25 letters); trying every cut of a longer one would cost its length squared.
MAX_SPLIT_LENGTH = 60
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|i|is|ie|it|u|us|ue|ert|erts|int|eint)$")
_ELIDED = ("jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "qu", "l", "d", "s", "n", "j", "m", "c")
_APOSTROPHES = "'’"

# One-to-one character replacements: same length, so offsets do not move.
_CHAR_MAP = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
    "\t": " ",
}
_DROPPED_CHARS = {"\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"}


class FunctionWord(Row):
    """One row of ``kg/patterns/reader_function_words.tsv``."""

    word: str = Field(pattern=r"^[^\sA-Z]+$")
    word_class: Literal["det", "prep", "pron", "conj", "verb", "adv"] = Field(alias="class")


@cache
def function_word_classes() -> dict[str, str]:
    """French closed-class words (lower case) and their class, from the pattern file."""
    return {row.word: row.word_class for row in tsv("reader_function_words.tsv", FunctionWord)}


@cache
def function_words() -> frozenset[str]:
    """French closed-class words, lower case (``kg/patterns/reader_function_words.tsv``)."""
    return frozenset(function_word_classes())


@cache
def bound_prefixes() -> frozenset[str]:
    """Prefixes of compounds ("co", "cyber", "sur") that do not start a content-word split."""
    return wordlist("reader_prefixes.txt", single=True)


@cache
def name_prefixes() -> frozenset[str]:
    """Prefixes like "Mc" after which a capital is part of the name."""
    return wordlist("reader_name_prefixes.txt", single=True)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in French, case-folded (cached: the lexicon is slow)."""
    return zipf_frequency(word.lower(), "fr")


def _is_function(word: str) -> bool:
    return word.lower() in function_words()


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


@dataclass
class Edits:
    """Character edits of a text, plus the :class:`Repair` records that explain them.

    ``subs`` replaces one character, ``dels`` drops one, ``ins`` inserts a string before a
    position.  Positions are offsets in the original text.
    """

    subs: dict[int, str] = field(default_factory=dict)
    dels: set[int] = field(default_factory=set)
    ins: dict[int, str] = field(default_factory=dict)
    repairs: list[Repair] = field(default_factory=list)

    def insert(self, pos: int, text: str) -> None:
        self.ins[pos] = self.ins.get(pos, "") + text


def repair_span(
    text: str, start: int, end: int, *, page_words: frozenset[str] = frozenset()
) -> tuple[str, list[int], list[Repair]]:
    """Repair ``text[start:end]``.

    Returns the repaired string, for each of its characters the offset in ``text`` it comes
    from (an inserted character takes the offset of the character after it), and the repairs.
    ``page_words`` are the tokens of the whole page: a name seen alone elsewhere on the page
    ("Trong") confirms that "Tronga insisté" is "Trong a insisté".
    """
    edits = Edits()
    view = _typography(text, start, end, edits)
    _spacing(view, start, edits)
    _glued_words(view, start, edits, page_words)
    _drop_cap(view, start, edits)
    return _apply(text, start, end, edits)


def _typography(text: str, start: int, end: int, edits: Edits) -> str:
    """Record one-to-one typographic replacements; return the text with them applied."""
    chars = list(text[start:end])
    for i, ch in enumerate(chars):
        if ch in _CHAR_MAP:
            new = _CHAR_MAP[ch]
        elif ch in _DROPPED_CHARS:
            edits.dels.add(start + i)
            edits.repairs.append(
                Repair(
                    kind="typography", start=start + i, end=start + i + 1, original=ch, repaired=""
                )
            )
            continue
        elif unicodedata.category(ch) == "Lm" and len(unicodedata.normalize("NFKC", ch)) == 1:
            new = unicodedata.normalize("NFKC", ch)
            if new == ch:
                continue
        else:
            continue
        chars[i] = new
        edits.subs[start + i] = new
        edits.repairs.append(
            Repair(kind="typography", start=start + i, end=start + i + 1, original=ch, repaired=new)
        )
    return "".join(chars)


def _spacing(view: str, start: int, edits: Edits) -> None:
    """Collapse runs of spaces; drop spaces inside brackets; add one after a glued "," or ")"."""
    for m in re.finditer(r"(?<=\() +| +(?=\))| {2,}", view):
        keep = (
            0 if view[m.end() : m.end() + 1] == ")" or view[m.start() - 1 : m.start()] == "(" else 1
        )
        for i in range(m.start() + keep, m.end()):
            edits.dels.add(start + i)
        edits.repairs.append(
            Repair(
                kind="whitespace",
                start=start + m.start(),
                end=start + m.end(),
                original=m.group(),
                repaired=" " * keep,
            )
        )
    for m in re.finditer(r"(?<=[^\W\d_]),(?=[^\W\d_])|\)(?=[^\W\d_])", view):
        pos = m.end()
        edits.insert(start + pos, " ")
        # The words around, found from the match outwards: never a scan of the text before
        # it (that made reading quadratic in the length of a paragraph).
        a = m.start()
        while a > 0 and not view[a - 1].isspace():
            a -= 1
        right = _LETTERS.match(view, pos)
        b = right.end() if right else pos
        edits.repairs.append(
            Repair(
                kind="glued_word",
                start=start + a,
                end=start + b,
                original=view[a:b],
                repaired=view[a:pos] + " " + view[pos:b],
            )
        )


def _glued_words(view: str, start: int, edits: Edits, page_words: frozenset[str]) -> None:
    tokens = list(WORD.finditer(view))
    for k, m in enumerate(tokens):
        a, b = m.start(), m.end()
        if (a > 0 and view[a - 1].isdigit()) or (b < len(view) and view[b].isdigit()):
            continue
        word = m.group()
        before_apostrophe = b < len(view) and view[b] in _APOSTROPHES
        after_apostrophe = a > 0 and view[a - 1] in _APOSTROPHES
        if before_apostrophe:
            cuts = _split_elision(word)
        elif after_apostrophe and len(word) <= 2:
            cuts = []
        else:
            nxt = tokens[k + 1].group() if k + 1 < len(tokens) and view[b : b + 1] == " " else ""
            prev = tokens[k - 1].group() if k > 0 and view[a - 1 : a] == " " else ""
            cuts = _split_name_a(word, prev, nxt, page_words) or split_word(word)
            if cuts and _in_name(word, prev, cuts[0]):
                cuts = []
        if not cuts:
            continue
        for cut in cuts:
            edits.insert(start + a + cut, " ")
        repaired = word
        for cut in reversed(cuts):
            repaired = repaired[:cut] + " " + repaired[cut:]
        edits.repairs.append(
            Repair(
                kind="glued_word", start=start + a, end=start + b, original=word, repaired=repaired
            )
        )


def _in_name(word: str, prev: str, cut: int) -> bool:
    """ "Zhao Leji" is no "Zhao Le ji": a capitalised word after another capitalised word
    (not an article) is not split into a capitalised function word and the rest, unless its
    case changes there ("LeeJae"); "Mer Orientaleet" still splits ("Orientale et")."""
    head = word[:cut]
    return (
        _is_capitalised(word)
        and _is_capitalised(prev)
        and not _is_function(prev)
        and _is_function(head)
        and not word[cut].isupper()
    )


def _split_elision(word: str) -> list[int]:
    """ "reçul'ambassadeur": a known word glued to the elided article before an apostrophe."""
    if word.lower() in _ELIDED or zipf(word) >= UNKNOWN_ZIPF:
        return []
    for clitic in _ELIDED:
        head = word[: -len(clitic)]
        if word.lower().endswith(clitic) and len(head) >= 2:
            if _is_function(head) or zipf(head) >= ELISION_HEAD_ZIPF:
                return [len(head)]
    return []


def _split_name_a(word: str, prev: str, nxt: str, page_words: frozenset[str]) -> list[int]:
    """ "Nguyen Phu Tronga insisté": a name glued to the auxiliary "a" before a participle."""
    if not (
        len(word) >= 4
        and word.endswith("a")
        and _is_capitalised(word)
        and zipf(word) < UNKNOWN_ZIPF
        and nxt.islower()
        and _PARTICIPLE.search(nxt)
        and zipf(nxt) >= WITH_FUNCTION_ZIPF
    ):
        return []
    if word[:-1] in page_words or _is_capitalised(prev):
        return [len(word) - 1]
    return []


@lru_cache(maxsize=50_000)
def split_word(word: str) -> list[int]:
    """Where to put spaces in a token that is two glued words; ``[]`` when it is not.

    A lower-to-upper case change inside the token ("laDéfense", "SamuelPerez") is a lost space
    unless the left part is a name prefix ("Mc").  Otherwise a token unknown to the French
    lexicon is split in two when both halves are words: a function word and a common word
    ("deson", "Enrecevant", "onteu") or two common content words ("Premierministre").
    Acronyms, known words and names (unknown, but with no split into two common words) stay.
    """
    if word.isupper() or len(word) < 4 or len(word) > MAX_SPLIT_LENGTH:
        return []
    cuts: list[int] = []
    pieces_from = 0
    for i in range(1, len(word) - 1):
        if word[i - 1].islower() and word[i].isupper() and word[i + 1].islower():
            left = word[pieces_from:i]
            if len(left) >= 2 and left not in name_prefixes():
                cuts.append(i)
                pieces_from = i
    if cuts:
        bounds = [0, *cuts, len(word)]
        result: list[int] = []
        for a, b in pairwise(bounds):
            result.extend(a + c for c in split_word(word[a:b]))
            if b < len(word):
                result.append(b)
        return result
    if zipf(word) >= UNKNOWN_ZIPF:
        return []
    best: tuple[float, int] | None = None
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if _valid_split(word, left, right):
            score = min(zipf(left), zipf(right))
            if best is None or score > best[0]:
                best = (score, i)
    return [best[1]] if best else []


def _valid_split(word: str, a: str, b: str) -> bool:
    if b[0].isupper() or not (a.islower() or _is_capitalised(a)):
        return False
    classes = function_word_classes()
    class_a, class_b = classes.get(a.lower()), classes.get(b.lower())
    if class_a in ("det", "prep") and class_b == "pron":
        return False
    if word[0].isupper() and class_b == "pron":
        # A name ending like a pronoun ("Luxon", "Tuyen") is not a word glued to "on".
        return False
    prefix = a.lower() in bound_prefixes()
    if class_a and (class_b or not prefix) and len(b) >= 2 and zipf(b) >= WITH_FUNCTION_ZIPF:
        return True
    if class_b and len(a) >= 3 and zipf(a) >= ELISION_HEAD_ZIPF:
        return True
    if prefix or min(len(a), len(b)) < CONTENT_MIN_LENGTH:
        return False
    za, zb = zipf(a), zipf(b)
    if word[0].isupper():
        # Names are capitalised: the first half must be a common word, not a name syllable.
        return min(za, zb) >= COMMON_CAPITALISED_ZIPF or (
            za >= COMMON_ZIPF and zb >= RARE_CONTENT_ZIPF
        )
    return min(za, zb) >= CONTENT_ZIPF or (
        max(za, zb) >= COMMON_ZIPF and min(za, zb) >= RARE_CONTENT_ZIPF
    )


def _drop_cap(view: str, start: int, edits: Edits) -> None:
    """ "e secrétaire général": a paragraph that lost its first letter, a capital "L"."""
    m = WORD.match(view)
    if not m or not view[0].islower():
        return
    word = m.group()
    if zipf("l" + word) >= DROP_CAP_ZIPF and zipf("l" + word) > zipf(word):
        edits.insert(start, "L")
        edits.repairs.append(
            Repair(
                kind="drop_cap",
                start=start,
                end=start + m.end(),
                original=word,
                repaired="L" + word,
            )
        )


def _apply(text: str, start: int, end: int, edits: Edits) -> tuple[str, list[int], list[Repair]]:
    """The repaired text and offsets: untouched stretches are copied whole, only the edited
    positions are visited one by one."""
    out: list[str] = []
    offsets: list[int] = []
    edited = sorted(p for p in {*edits.ins, *edits.dels, *edits.subs} if start <= p < end)
    cursor = start
    for i in edited:
        out.append(text[cursor:i])
        offsets.extend(range(cursor, i))
        inserted = edits.ins.get(i)
        if inserted and i not in edits.dels:
            out.append(inserted)
            offsets.extend([i] * len(inserted))
        if i not in edits.dels:
            out.append(edits.subs.get(i, text[i]))
            offsets.append(i)
        cursor = i + 1
    out.append(text[cursor:end])
    offsets.extend(range(cursor, end))
    repairs = sorted(edits.repairs, key=lambda r: (r.start, r.end))
    return "".join(out), offsets, repairs
