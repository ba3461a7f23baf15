"""The graph as one self-contained HTML page (pyvis / vis-network), openable from ``file://``.

The page carries vis-network's JS and CSS inline (taken from the copy pyvis ships), its own small
template (pyvis's stock one fetches Bootstrap from a CDN) and the data as one JSON document in a
``<script type="application/json">`` element.  Everything the data says is shown as text: the JSON
escapes ``<``, ``>``, ``&`` and U+2028/2029, and tooltips and the details panel are DOM elements
filled with ``textContent`` in the page, never HTML strings.

The JSON holds the nodes and edges to draw, one record per fact (French date, its span for the
timeline, quote, source, the edges that draw it) and, per node, what its details panel lists
(posts, facts newest first, partners and partnership levels of a country).  Everything a reader
sees is French: dates through :mod:`kg.render.french`, roles from ``kg/patterns/labels_fr.tsv``,
place names as ``kg/patterns/cities.tsv`` spells them first.

Which nodes and edges are drawn is decided in :mod:`kg.render.views`.  Up to ``LARGE`` nodes the
browser lays the graph out (physics, a fixed seed, a bounded number of stabilisation iterations,
then physics off so the picture stays still); beyond, positions are computed here (countries as
disks of nodes, hubs in the middle) and physics is off, so a 5,000-node page is interactive
within seconds.  The same data always gives the same bytes.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import jinja2
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg.atomic import write_text
from kg.errors import KgError
from kg.facttypes import LEVELS, SPECS, spec
from kg.model import Entity, Fact, GraphData
from kg.render.french import (
    clean_title,
    fact_date,
    french_range,
    organization_name,
    period,
    place_name,
    role_label,
)
from kg.render.views import (
    FACT_RELATIONS,
    Drawing,
    DrawnEdge,
    DrawnNode,
    country_names,
    country_view,
    describe,
    entity_view,
    fact_countries,
    fact_span,
    layout,
    select_facts,
)
from kg.textutil import fold_name

#: above this many nodes, positions come from Python and physics is off
LARGE = 300
#: the page title, the same for every view
TITLE = "Réseau diplomatique"
#: titles that callers from before the French page pass: shown as ``TITLE``
#: label font sizes (px at zoom 1): every node gets at least the first, the busiest the second
FONT_MIN, FONT_MAX = 17, 26
#: labels smaller than this on screen (px) are not drawn, except the important nodes'
DRAW_THRESHOLD = 9

#: node kind -> (legend label, colour, vis-network shape)
KIND_STYLE: dict[str, tuple[str, str, str]] = {
    "person": ("Personne", "#4e79a7", "dot"),
    "country": ("Pays", "#e15759", "diamond"),
    "organization": ("Organisation", "#f28e2b", "triangle"),
    "place": ("Lieu", "#59a14f", "star"),
}
#: shortcut relation -> (label drawn on the edge, colour), from ``kg/patterns/fact_types.jsonl``
RELATION_STYLE: dict[str, tuple[str, str]] = {
    s.relation: (s.edge_label_fr, s.colour) for s in SPECS
}
#: partnership level -> (label, colour), highest first; "" = no partnership fact for the pair
LEVEL_STYLE: dict[str, tuple[str, str]] = {
    token: (lvl.label_fr, lvl.colour) for token, lvl in LEVELS.items()
} | {"": ("sans partenariat connu", "#9aa5b1")}
FACT_LABELS: dict[str, str] = {s.type: s.label_fr for s in SPECS}
#: characters written as ``\\uXXXX`` in the page's JSON (``str.replace`` in turn: on a 10 MB
#: document ``str.translate`` takes seconds)
_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(value: object) -> str:
    """``value`` as JSON safe to place inside a ``<script>`` element, keys sorted.

    Examples:
        >>> script_json({"name": "</script><b>&"})
        '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES:
        text = text.replace(char, escape)
    return text


def render_html(
    data: GraphData,
    out: str | Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    pair: tuple[str, str] | None = None,
    since: str | None = None,
    until: str | None = None,
    view: Literal["entities", "countries"] = "entities",
    title: str | None = None,
) -> Path:
    """Write the graph of ``data`` as a self-contained HTML page at ``out`` and return its path.

    ``focus`` (an id, a name or an alias) draws its ego network up to ``depth`` hops; ``pair``
    (two ISO2 codes) keeps the facts between those two countries; ``since``/``until`` keep the
    facts dated in that window (facts without a year are then left out); ``view="countries"``
    draws countries linked by their number of facts, coloured by the latest partnership level.
    ``title`` defaults to :data:`TITLE`, the same for every view (the view is the subtitle).
    """
    if view not in ("entities", "countries"):
        raise KgError(f"unknown view {view!r}: use 'entities' or 'countries'")
    if depth < 0:
        raise KgError(f"depth must be 0 or more, got {depth}")
    title = title or TITLE
    facts = select_facts(data, pair=pair, since=since, until=until)
    whole = pair is None and since is None and until is None
    select = entity_view if view == "entities" else country_view
    drawing = select(data, facts, whole=whole, focus=focus, depth=depth)
    subtitle = describe(drawing, data, pair=pair, since=since, until=until, depth=depth)
    notes = []
    if since is not None or until is not None:
        undated = sum(1 for f in data.facts if fact_span(f) is None)
        if undated:
            notes.append(f"{undated} fait(s) sans année omis par la fenêtre de dates.")
    page = _page(drawing, data, facts, title=title, subtitle=subtitle, notes=notes)
    target = Path(out)
    write_text(target, page)
    return target


class _Names:
    """Display names: entities by id (places spelt in French), countries and ``ORG:`` codes."""

    def __init__(self, data: GraphData, drawing: Drawing) -> None:
        self.countries = country_names(data)
        self.entities: dict[str, Entity] = {e.id: e for e in data.entities}
        self.drawn = {n.id: n for n in drawing.nodes}
        self._spans: dict[str, tuple[str, str] | None] = {}
        self._countries: dict[str, tuple[str, ...]] = {}

    # per fact, computed once a page (a country's panel and its nodes' tooltips ask again)
    def span(self, fact: Fact) -> tuple[str, str] | None:
        if fact.id not in self._spans:
            self._spans[fact.id] = fact_span(fact)
        return self._spans[fact.id]

    def key(self, fact: Fact) -> tuple[str, str]:
        """:func:`kg.render.views.fact_key`, from the cache."""
        span = self.span(fact)
        return (span[1] if span else "", fact.id)

    def countries_of(self, fact: Fact) -> tuple[str, ...]:
        if fact.id not in self._countries:
            self._countries[fact.id] = fact_countries(fact)
        return self._countries[fact.id]

    def node(self, node: DrawnNode) -> str:
        return place_name(node.name) if node.kind == "place" else node.name

    def actor(self, actor_id: str, name: str, kind: str) -> str:
        drawn = self.drawn.get(actor_id)
        if drawn is not None:
            return self.node(drawn)
        return place_name(name) if kind == "place" else name

    def country(self, code: str) -> str:
        """French name of an ISO2 code, the name of an ``ORG:`` code, "" for none."""
        if not code:
            return ""
        if code.startswith("ORG:"):
            return organization_name(code)
        return self.countries.get(code, code)


def _importance(values: dict[str, int]) -> tuple[dict[str, int], set[str]]:
    """Label font size per node (by its number of facts) and the nodes labelled at any zoom."""
    top = max(values.values(), default=0)
    sizes = {
        n: FONT_MIN + round((FONT_MAX - FONT_MIN) * math.sqrt(v / top)) if top else FONT_MIN
        for n, v in values.items()
    }
    ranked = sorted((n for n, v in values.items() if v), key=lambda n: (-values[n], n))
    keep = max(5, min(30, len(values) // 8))
    return sizes, set(ranked[:keep])


def _node_facts(drawing: Drawing, facts: tuple[Fact, ...], names: _Names) -> dict[str, list[Fact]]:
    """The facts each drawn node takes part in, newest first.

    A person, organisation or place: the facts of its edges.  A country: every fact of the
    selection with an actor of that country (its people included), so its panel counts them all.
    """
    by_node: dict[str, dict[str, Fact]] = {n.id: {} for n in drawing.nodes}
    if drawing.view == "entities":
        for edge in drawing.edges:
            for end in (edge.source, edge.target):
                for fact in edge.facts:
                    by_node[end][fact.id] = fact
    pool = (
        {f.id: f for e in drawing.edges for f in e.facts}.values()
        if drawing.view == "entities"
        else facts
    )
    for fact in pool:
        for code in names.countries_of(fact):
            node = by_node.get(f"country:{code}")
            if node is not None:
                node[fact.id] = fact
    return {n: sorted(found.values(), key=names.key, reverse=True) for n, found in by_node.items()}


def _fact_head(fact: Fact, names: _Names) -> str:
    """One line that says what happened: "Dinh Tien Dung — reçoit — Xiong Bo"."""
    shape = spec(fact.type)

    def joined(role: str) -> str:
        return ", ".join(names.actor(a.id, a.name, a.kind) for a in fact.actors(role))

    if shape.symmetric:
        return f"{shape.label_fr.capitalize()} : {joined(shape.source).replace(', ', ' – ')}"
    return f"{joined(shape.source)} — {shape.edge_label_fr} — {joined(shape.target)}"


def _source(fact: Fact) -> str:
    ev = fact.evidence
    return f"Source : page {ev.article} · {ev.section} · document {ev.doc}"


def _fact_record(fact: Fact, names: _Names, edge_ids: list[str]) -> dict[str, Any]:
    span = names.span(fact)
    level = str(fact.attributes.get("level", ""))
    relation = spec(fact.type).relation
    return {
        "type": fact.type,
        "label": FACT_LABELS[fact.type],
        "color": RELATION_STYLE[relation][1],
        "head": _fact_head(fact, names),
        "date": fact_date(fact),
        "span": list(span) if span else None,
        "inferred": bool(fact.date_inferred) and not str(fact.date or "")[:4].isdigit(),
        "place": place_name(fact.place) if fact.place else "",
        "level": LEVEL_STYLE.get(level, LEVEL_STYLE["other"])[0] if level else "",
        "quote": fact.evidence.sentence,
        "source": _source(fact),
        "also": len(fact.also),
        "rule": f"règle {fact.rule} · confiance " + f"{fact.confidence:.2f}".replace(".", ","),
        "actors": sorted(
            {
                a.id: [a.id, names.actor(a.id, a.name, a.kind)]
                for a in (x for _, v in sorted(fact.roles.items()) for x in v)
            }.values()
        ),
        "edges": edge_ids,
    }


def _function(node: DrawnNode) -> str:
    """What a person does, in words: the title as written, else the French name of the role."""
    return clean_title(node.title) if node.title else role_label(node.role)


def _role_note(title: str, role: str) -> str:
    """The French role of a post, when its title does not already say it."""
    label = role_label(role)
    return "" if not title or fold_name(label) in fold_name(title) else label


def _details(
    node: DrawnNode,
    node_facts: list[Fact],
    names: _Names,
) -> dict[str, Any]:
    """What the details panel of ``node`` lists (fact ids point into the page's fact table)."""
    entity = names.entities.get(node.id)
    detail: dict[str, Any] = {"facts": [f.id for f in node_facts]}
    counts: Counter[str] = Counter(f.type for f in node_facts)
    detail["counts"] = [
        [FACT_LABELS[t], counts[t], spec(t).colour] for t in FACT_LABELS if counts[t]
    ]
    if node.kind != "country" and node.country:
        country_node = f"country:{node.country}"
        detail["country"] = [
            names.country(node.country),
            country_node if country_node in names.drawn else "",
        ]
    if entity is not None and entity.posts:
        detail["posts"] = [
            [
                clean_title(p.title) or role_label(p.role),
                _role_note(p.title, p.role),
                names.country(p.country or ""),
                period(p.first_seen, p.last_seen),
            ]
            for p in entity.posts
        ]
    aliases = [a for a in node.aliases if a != node.name]
    if aliases:
        detail["aliases"] = aliases[:6]
    if node.kind == "country":
        partners: Counter[str] = Counter()
        levels = []
        for fact in node_facts:
            others = [c for c in fact_countries(fact) if c != node.country]
            partners.update(others)
            level = str(fact.attributes.get("level", ""))
            if fact.type == "partnership" and level:
                partner = others[0] if others else ""
                levels.append(
                    [
                        fact.id,
                        fact_date(fact),
                        LEVEL_STYLE.get(level, LEVEL_STYLE["other"])[0],
                        names.country(partner),
                        f"country:{partner}" if f"country:{partner}" in names.drawn else "",
                    ]
                )
        detail["partners"] = [
            [
                f"country:{c}" if f"country:{c}" in names.drawn else "",
                names.country(c),
                n,
            ]
            for c, n in sorted(partners.items(), key=lambda kv: (-kv[1], names.country(kv[0])))
        ]
        detail["levels"] = levels
    return detail


def _when(facts: list[Fact] | tuple[Fact, ...], names: _Names) -> str:
    """From the first to the last dated day of ``facts``: "du 30 mai 2008 au 12 décembre 2023"."""
    spans = [s for s in map(names.span, facts) if s]
    if not spans:
        return ""
    return french_range(min(s[0] for s in spans), max(s[1] for s in spans))


def _node_tip(node: DrawnNode, node_facts: list[Fact], names: _Names) -> dict[str, Any]:
    return {
        "head": names.node(node),
        "rows": _rows(
            ("Type", KIND_STYLE.get(node.kind, (node.kind,))[0]),
            ("Fonction", _function(node) if node.kind == "person" else ""),
            ("Pays", names.country(node.country) if node.kind != "country" else ""),
            ("Faits", len(node_facts)),
            ("Période", _when(node_facts, names)),
        ),
        "hint": "Cliquer pour le détail",
    }


def _rows(*pairs: tuple[str, object]) -> list[list[str]]:
    return [[key, str(value)] for key, value in pairs if value not in ("", None, 0)]


def _edge_item(
    edge: DrawnEdge,
    view: str,
    names: _Names,
    rank: int,
    large: bool,
) -> dict[str, Any]:
    source = names.node(names.drawn[edge.source])
    target = names.node(names.drawn[edge.target])
    latest = edge.facts[-1]
    if view == "entities":
        # the tooltip is made in the page from the fact's record: no second copy of the quote
        label, colour = RELATION_STYLE[edge.relation]
        group = edge.relation
        item: dict[str, Any] = {"label": label, "width": 2}
    else:
        group = edge.level
        label_text, colour = LEVEL_STYLE.get(edge.level, LEVEL_STYLE["other"])
        counts: Counter[str] = Counter(f.type for f in edge.facts)
        detail = ", ".join(f"{counts[t]} {FACT_LABELS[t]}" for t in FACT_LABELS if counts[t])
        tip = {
            "head": f"{source} — {target}",
            "rows": _rows(
                ("Faits", len(edge.facts)),
                ("Détail", detail),
                ("Niveau le plus récent", label_text if edge.level else ""),
                ("Période", _when(edge.facts, names)),
                ("Dernier fait", f"{FACT_LABELS[latest.type]}, {fact_date(latest)}".strip(", ")),
            ),
        }
        item = {
            "label": f"{len(edge.facts)} fait{'s' if len(edge.facts) > 1 else ''}",
            "value": len(edge.facts),
            "font": {"size": 13},
        }
        tip["quote"] = latest.evidence.sentence
        tip["source"] = _source(latest)
        tip["hint"] = "Cliquer pour le détail"
        item["tip"] = tip
    item |= {
        "id": edge.id,
        "from": edge.source,
        "to": edge.target,
        "group": group,
        "color": colour,
        "facts": [f.id for f in edge.facts],
    }
    if edge.directed:
        item["arrows"] = "to"
    if rank and not large:
        item["smooth"] = {"type": "curvedCW" if rank % 2 else "curvedCCW", "roundness": 0.15 * rank}
    return item


def build_network(drawing: Drawing, data: GraphData, facts: tuple[Fact, ...] = ()) -> Network:
    """A pyvis ``Network`` holding the vis-network items and options of ``drawing``, plus
    ``network.facts`` (fact id -> record) and ``network.details`` (node id -> panel content).

    Items are appended to the lists directly: ``Network.add_node`` checks a list for every
    node and ``from_nx`` is quadratic.
    """
    names = _Names(data, drawing)
    large = len(drawing.nodes) > LARGE
    node_facts = _node_facts(drawing, facts, names)
    edge_facts: dict[str, int] = Counter()
    for edge in drawing.edges:
        for end in (edge.source, edge.target):
            edge_facts[end] += len(edge.facts)
    values = {n.id: len(node_facts[n.id]) for n in drawing.nodes}
    if drawing.view == "entities":
        values = {n.id: len({f.id for f in node_facts[n.id]}) for n in drawing.nodes}
    sizes, important = _importance(values)
    positions = layout(drawing, Counter(edge_facts)) if large else {}
    network = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    details: dict[str, Any] = {}
    for node in drawing.nodes:
        label = names.node(node)
        item: dict[str, Any] = {
            "id": node.id,
            "label": label,
            "kind": node.kind,
            "country": node.country,
            "value": edge_facts[node.id],
            "facts": values[node.id],
            "font": sizes[node.id],
            "search": sorted({label, node.name, *node.aliases}),
            "tip": _node_tip(node, node_facts[node.id], names),
        }
        if node.id in important:
            item["important"] = True
        if node.id in positions:
            item["x"], item["y"] = positions[node.id]
        network.nodes.append(item)
        network.node_ids.append(node.id)
        network.node_map[node.id] = item
        details[node.id] = _details(node, node_facts[node.id], names)
    parallel: Counter[tuple[str, str]] = Counter()
    edges_of: dict[str, list[str]] = {}
    for edge in drawing.edges:
        ends = (min(edge.source, edge.target), max(edge.source, edge.target))
        rank = parallel[ends]
        parallel[ends] += 1
        network.edges.append(_edge_item(edge, drawing.view, names, rank, large))
        for fact in edge.facts:
            edges_of.setdefault(fact.id, []).append(edge.id)
    listed = {f.id: f for facts_ in node_facts.values() for f in facts_}
    for edge in drawing.edges:
        listed.update((f.id, f) for f in edge.facts)
    network.facts = {  # type: ignore[attr-defined]
        fid: _fact_record(fact, names, edges_of.get(fid, [])) for fid, fact in listed.items()
    }
    network.details = details  # type: ignore[attr-defined]
    network.options = _options(drawing, large)
    return network


def _options(drawing: Drawing, large: bool) -> dict[str, Any]:
    groups = {
        kind: {
            "shape": shape,
            "color": {
                "background": colour,
                "border": "#ffffff",
                "highlight": {"background": colour, "border": "#1d2733"},
                "hover": {"background": colour, "border": "#1d2733"},
            },
        }
        for kind, (_, colour, shape) in KIND_STYLE.items()
    }
    n = len(drawing.nodes)
    options: dict[str, Any] = {
        "autoResize": True,
        "groups": groups,
        "layout": {"randomSeed": 7, "improvedLayout": n <= 100},
        "nodes": {
            "borderWidth": 0.5 if large else 1.5,
            "font": {
                "size": FONT_MIN,
                "color": "#1d2733",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            # sized by number of facts; a label smaller than DRAW_THRESHOLD px on screen is not
            # drawn (the page keeps the important nodes' labels legible at every zoom)
            "scaling": {
                "min": 8 if large else 10,
                "max": 30,
                "label": {"enabled": False, "drawThreshold": DRAW_THRESHOLD, "maxVisible": 40},
            },
        },
        "edges": {
            "arrows": {"to": {"scaleFactor": 0.55}},
            "font": {"size": 12, "color": "#2c3948", "strokeWidth": 4, "align": "middle"},
            "scaling": {"min": 1, "max": 12, "label": {"enabled": False}},
            "selectionWidth": 2.5,
            "hoverWidth": 1,
            "smooth": False if large else {"type": "continuous", "roundness": 0.3},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "multiselect": True,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "physics": {"enabled": False},
    }
    if not large:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "centralGravity": 0.02,
                "springLength": 95,
                "springConstant": 0.08,
                "avoidOverlap": 0.6,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 400 if n <= 100 else 200,
                "updateInterval": 50,
            },
        }
    return options


def _legend(drawing: Drawing, network: Network, names: _Names) -> dict[str, Any]:
    kinds = Counter(item["kind"] for item in network.nodes)
    groups = Counter(item["group"] for item in network.edges)
    present = Counter(item["country"] for item in network.nodes)
    edge_groups: list[dict[str, Any]]
    if drawing.view == "entities":
        edge_groups = [
            {"key": rel, "label": RELATION_STYLE[rel][0], "color": RELATION_STYLE[rel][1]}
            for rel in FACT_RELATIONS
        ]
    else:
        edge_groups = [
            {"key": level, "label": label, "color": colour}
            for level, (label, colour) in LEVEL_STYLE.items()
        ]
    for group in edge_groups:
        group["count"] = groups[group["key"]]
    return {
        "kinds": [
            {"key": kind, "label": label, "color": colour, "shape": shape, "count": kinds[kind]}
            for kind, (label, colour, shape) in KIND_STYLE.items()
            if drawing.view == "entities" or kind == "country"
        ],
        "edgeTitle": "Relations" if drawing.view == "entities" else "Niveau de partenariat",
        "edgeGroups": edge_groups,
        "countries": sorted(
            (
                {"key": code, "label": names.country(code) or "sans pays", "count": n}
                for code, n in present.items()
            ),
            key=lambda c: (
                c["key"] == "",
                c["key"].startswith("ORG:"),
                fold_name(c["label"]),
                c["key"],
            ),
        ),
    }


def _vis_asset(name: str) -> str:
    text = (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(
        encoding="utf-8"
    )
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        raise KgError(f"pyvis's {name} cannot be inlined: it contains a closing tag")
    return text


def _page(
    drawing: Drawing,
    data: GraphData,
    facts: tuple[Fact, ...],
    *,
    title: str,
    subtitle: str,
    notes: list[str],
) -> str:
    network = build_network(drawing, data, facts)
    spans = [r["span"] for r in network.facts.values() if r["span"]]  # type: ignore[attr-defined]
    years = {s[0][:4] for s in spans} | {s[1][:4] for s in spans}
    payload = {
        "view": drawing.view,
        "title": title,
        "subtitle": subtitle,
        "notes": notes,
        "focus": drawing.focus,
        "large": len(drawing.nodes) > LARGE,
        "edgeOpacity": 0.3 if len(drawing.nodes) > LARGE else 0.85,
        "drawThreshold": DRAW_THRESHOLD,
        "nodes": network.nodes,
        "edges": network.edges,
        "facts": network.facts,  # type: ignore[attr-defined]
        "details": network.details,  # type: ignore[attr-defined]
        "kinds": {kind: label for kind, (label, _, _) in KIND_STYLE.items()},
        # a year per bar over a long period, else a month per bar
        "timeUnit": "year" if years and int(max(years)) - int(min(years)) >= 3 else "month",
        "options": network.options,
        "legend": _legend(drawing, network, _Names(data, drawing)),
    }
    # The title is escaped by the template; the data is JSON made safe for a <script> element
    # (script_json) and the vis-network assets are the package's own files.
    return _template().render(
        title=title,
        vis_css=Markup(_vis_asset("vis-network.css")),
        vis_js=Markup(_vis_asset("vis-network.min.js")),
        data=Markup(script_json(payload)),
    )


@functools.cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("kg.render", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("graph.html")
