"""Sentence -> facts tables: a document made of the given sentences, run through extraction."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extract import extract_document
from kg.model import Document, Fact, Sentence


def make_document(*sentences: str, headline: str | None = None) -> Document:
    texts = ([headline] if headline else []) + list(sentences)
    sents = []
    offset = 0
    for i, text in enumerate(texts):
        part = "headline" if headline and i == 0 else "body"
        sents.append(
            Sentence(
                doc_id="doc-test",
                index=i,
                part=part,
                text=text,
                start=offset,
                end=offset + len(text),
            )
        )
        offset += len(text) + 1
    return Document(
        id="doc-test",
        article="test.txt",
        section="main",
        headline=headline,
        parts=(),
        sentences=tuple(sents),
    )


def summary(fact: Fact) -> tuple[object, ...]:
    """A fact as a comparable tuple: type, then the names or codes of each role."""
    parts: list[object] = [fact.type]
    for role, value in sorted(fact.roles.items()):
        actors = value if isinstance(value, tuple) else (value,)
        names = [a.country if a.kind == "country" else a.name for a in actors]
        parts.append(
            (role, tuple(sorted(names)) if role in ("parties", "participants") else tuple(names))
        )
    return tuple(parts)


@pytest.fixture(scope="session")
def extract() -> Callable[..., list[tuple[object, ...]]]:
    def run(
        *sentences: str, headline: str | None = None, type: str | None = None
    ) -> list[tuple[object, ...]]:
        _, facts = extract_document(make_document(*sentences, headline=headline))
        out = [summary(f) for f in facts if type is None or f.type == type]
        return sorted(set(out), key=str)

    return run


@pytest.fixture(scope="session")
def extract_facts() -> Callable[..., list[Fact]]:
    def run(*sentences: str, headline: str | None = None) -> list[Fact]:
        return extract_document(make_document(*sentences, headline=headline))[1]

    return run
