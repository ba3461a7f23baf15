"""Rendering: the graph as one self-contained, offline HTML page.

- :mod:`kg.render.views`: what is drawn (the facts kept by a pair or a time window, the entity
  or country view, an ego network) and where (positions of large drawings);
- :mod:`kg.render.page`: colours, tooltips and the page itself, from ``templates/graph.html``.
"""

from __future__ import annotations

from kg.render.page import render_html

__all__ = ["render_html"]
