"""Reading: a file on disk to a :class:`~kg.model.Page` of documents (main article and each
teaser after "Voir plus"), repaired sentences and their offsets in the original file.

- :mod:`kg.read.reader`: decoding, bad input, page structure, sentences;
- :mod:`kg.read.repair`: scraping damage (glued words, lost drop caps, typography, markers).
"""

from __future__ import annotations

from kg.read.reader import read_page

__all__ = ["read_page"]
