"""Scraping damage: words glued at random word boundaries, no-break spaces."""

from __future__ import annotations

import random

from kg.synth.passages import Passage

# Words after which scraping most often lost the space ("deson", "laDéfense", "leministre").
GLUE_PRONE = frozenset("de la le les du des l' a et son sa ses en au aux un une d' à".split())


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


def damage_body(rng: random.Random, body: list[list[Passage]]) -> None:
    rate = rng.uniform(0.02, 0.06)
    for para in body:
        for p in para:
            p.text = _glue(rng, p.text, rate)


def nbsp(rng: random.Random, p: Passage) -> None:
    spaces = [i for i, ch in enumerate(p.text) if ch == " "]
    if spaces:
        i = rng.choice(spaces)
        p.text = p.text[:i] + "\u00a0" + p.text[i + 1 :]
