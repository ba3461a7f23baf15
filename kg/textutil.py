"""Small text helpers shared by the stages: length-preserving folding and trie regexes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char.lower()[:1] or char


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


def fold(text: str) -> str:
    """Lowercase and strip accents *without changing the length*, so offsets carry over.

    Examples:
        >>> fold("Trân Đại Quang à Hanoï")
        'tran đai quang a hanoi'
        >>> len(fold("Pékin")) == len("Pékin")
        True
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDED)


def fold_name(text: str) -> str:
    """Fold a name for comparison: no accents, no case, no punctuation, single spaces.

    Examples:
        >>> fold_name("Tô Lâm")
        'to lam'
        >>> fold_name("Irineo C. Espino")
        'irineo c espino'
    """
    folded = fold(text).replace("đ", "d")
    return " ".join(re.findall(r"[\w]+", folded))


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation shaped as a trie: fast to match for hundreds of words.

    Examples:
        >>> import re
        >>> pattern = re.compile(trie_regex(["chine", "chinois", "chinoise"]))
        >>> pattern.fullmatch("chinoise") is not None
        True
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        alternatives = []
        optional = False
        for char in sorted(node):
            if char == "":
                optional = True
                continue
            alternatives.append(re.escape(char) + render(node[char]))
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return render(trie)


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A stable id fragment: folded, lowercase, dashes.

    Examples:
        >>> slug("Tô Lâm")
        'to-lam'
        >>> slug("Hô Chi Minh-Ville")
        'ho-chi-minh-ville'
    """
    return _SLUG.sub("-", fold_name(text)).strip("-")


def names_match(a: str, b: str) -> bool:
    """Gold name matching: folded equality, or all tokens (two or more) of one in the other.

    Examples:
        >>> names_match("To Lam", "Tô Lâm")
        True
        >>> names_match("Irineo Espino", "Irineo C. Espino")
        True
        >>> names_match("Nguyen", "Nguyen Phu Trong")
        False
    """
    fa, fb = fold_name(a).split(), fold_name(b).split()
    if fa == fb:
        return True
    short, long = (fa, fb) if len(fa) <= len(fb) else (fb, fa)
    return len(short) >= 2 and all(t in long for t in short)
