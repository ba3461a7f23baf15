"""kg: French diplomatic news (VNA) to a knowledge graph.

``from kg import KnowledgeGraph`` imports the query API on first use only, so that
``import kg`` stays light (no networkx, rdflib or spaCy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "__version__"]

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph


def __getattr__(name: str) -> Any:
    if name == "KnowledgeGraph":
        from kg.api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
