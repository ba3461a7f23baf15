"""Extractors: one relation family per module, listed in one explicit table.

Each extractor is a pure function ``extract(ctx) -> Iterator[Fact]`` over an analysed
document (:class:`kg.extract.context.DocContext`); it yields facts in order of appearance and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kg.extract import diplomatic_relations, met, partnership, received, signed, visited
from kg.extract.context import DocContext, analyse_document
from kg.model import Document, Fact

Extractor = Callable[[DocContext], Iterator[Fact]]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("reception", received.extract),
    ("visit", visited.extract),
    ("meeting", met.extract),
    ("agreement", signed.extract),
    ("partnership", partnership.extract),
    ("diplomatic_relations", diplomatic_relations.extract),
)


def extract_document(document: Document) -> tuple[DocContext, list[Fact]]:
    """Analyse one document and run every extractor on it."""
    ctx = analyse_document(document)
    facts: list[Fact] = []
    for _, extractor in EXTRACTORS:
        facts.extend(extractor(ctx))
    facts.sort(key=lambda f: (f.evidence.span[0], f.type))
    return ctx, facts
