"""Rendering: the graph as one self-contained, offline HTML page.

- :mod:`kg.render.views`: what is drawn (the facts kept by a pair or a time window, the entity
  or country view, an ego network) and where (positions of large drawings);
- :mod:`kg.render.page`: colours, tooltips, the details panel's content and the page itself,
  from ``templates/graph.html`` (the panel, the timeline, the filters and the URL hash are
  drawn there, in the browser);
- :mod:`kg.render.french`: what the page writes in French (dates, roles, places, organisations).
"""

from __future__ import annotations

from kg.render.page import render_html

__all__ = ["render_html"]
