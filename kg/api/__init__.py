"""The query API: :class:`KnowledgeGraph` over a built graph (``kg.api.graph``) and its typed
answers (``kg.api.models``).  Importing it loads no reader, extractor or spaCy model."""

from __future__ import annotations

from kg.api.graph import QUESTIONS, SAVE_FORMATS, KnowledgeGraph
from kg.api.models import format_rows

__all__ = ["QUESTIONS", "SAVE_FORMATS", "KnowledgeGraph", "format_rows"]
