"""The graph as one self-contained HTML page (pyvis / vis-network), openable from ``file://``.

The page carries vis-network's JS and CSS inline (taken from the copy pyvis ships), its own small
template (pyvis's stock one fetches Bootstrap from a CDN) and the data as one JSON document in a
``<script type="application/json">`` element.  Everything the data says is shown as text: the JSON
escapes ``<``, ``>``, ``&`` and U+2028/2029, and tooltips are DOM elements filled with
``textContent`` in the page, never HTML strings.

Which nodes and edges are drawn is decided in :mod:`kg.render.views`.  Up to ``LARGE`` nodes the
browser lays the graph out (physics, a fixed seed, a bounded number of stabilisation
iterations); beyond, positions are computed here (countries as disks of nodes, hubs in the
middle) and physics is off, so a 5,000-node page is interactive within seconds.  The same data
always gives the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pyvis
from pyvis.network import Network

from kg.atomic import write_text
from kg.errors import KgError
from kg.facttypes import LEVELS, SPECS
from kg.model import DateRange, Fact, GraphData
from kg.render.views import (
    FACT_RELATIONS,
    Drawing,
    DrawnEdge,
    DrawnNode,
    country_names,
    country_view,
    describe,
    entity_view,
    fact_key,
    fact_span,
    layout,
    select_facts,
)

#: above this many nodes, positions come from Python and physics is off
LARGE = 300

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
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> str:
    """``value`` as JSON safe to place inside a ``<script>`` element, keys sorted.

    Examples:
        >>> script_json({"name": "</script><b>&"})
        '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


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
    title: str = "Knowledge graph",
) -> Path:
    """Write the graph of ``data`` as a self-contained HTML page at ``out`` and return its path.

    ``focus`` (an id, a name or an alias) draws its ego network up to ``depth`` hops; ``pair``
    (two ISO2 codes) keeps the facts between those two countries; ``since``/``until`` keep the
    facts dated in that window (facts without a year are then left out); ``view="countries"``
    draws countries linked by their number of facts, coloured by the latest partnership level.
    """
    if view not in ("entities", "countries"):
        raise KgError(f"unknown view {view!r}: use 'entities' or 'countries'")
    if depth < 0:
        raise KgError(f"depth must be 0 or more, got {depth}")
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
    network = build_network(drawing, data)
    page = _page(network, drawing, data, title=title, subtitle=subtitle, notes=notes)
    target = Path(out)
    write_text(target, page)
    return target


def build_network(drawing: Drawing, data: GraphData) -> Network:
    """A pyvis ``Network`` holding the vis-network items and options of ``drawing``.

    Items are appended to the lists directly: ``Network.add_node`` checks a list for every
    node and ``from_nx`` is quadratic.
    """
    countries = country_names(data)
    posts = {e.id: e.posts for e in data.entities}
    large = len(drawing.nodes) > LARGE
    degree: Counter[str] = Counter()
    facts_of: dict[str, list[Fact]] = {}
    for edge in drawing.edges:
        for end in (edge.source, edge.target):
            degree[end] += len(edge.facts)
            facts_of.setdefault(end, []).extend(edge.facts)
    positions = layout(drawing, degree) if large else {}
    network = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    for node in drawing.nodes:
        item: dict[str, Any] = {
            "id": node.id,
            "label": node.name,
            "kind": node.kind,
            "country": node.country,
            "value": degree[node.id],
            "search": [node.name, *node.aliases],
            "tip": _node_tip(node, facts_of.get(node.id, []), countries, posts),
        }
        if node.id in positions:
            item["x"], item["y"] = positions[node.id]
        network.nodes.append(item)
        network.node_ids.append(node.id)
        network.node_map[node.id] = item
    names = {n.id: n.name for n in drawing.nodes}
    parallel: Counter[tuple[str, str]] = Counter()
    for edge in drawing.edges:
        ends = (min(edge.source, edge.target), max(edge.source, edge.target))
        rank = parallel[ends]
        parallel[ends] += 1
        network.edges.append(_edge_item(edge, drawing.view, names, countries, rank, large))
    network.options = _options(drawing, large)
    return network


def _date_text(fact: Fact) -> str:
    if isinstance(fact.date, DateRange):
        text = f"{fact.date.start} → {fact.date.end}"
    else:
        text = fact.date or ""
    if fact.date_inferred and fact.date_inferred != fact.date:
        text = f"{text} (déduit : {fact.date_inferred})" if text else fact.date_inferred
    return text


def _period(facts: list[Fact] | tuple[Fact, ...]) -> str:
    spans = [s for s in map(fact_span, facts) if s]
    if not spans:
        return ""
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    return first if first == last else f"{first} → {last}"


def _source(fact: Fact) -> str:
    ev = fact.evidence
    return f"Source : {ev.article} · {ev.section} · document {ev.doc}"


def _rows(*pairs: tuple[str, object]) -> list[list[str]]:
    return [[key, str(value)] for key, value in pairs if value not in ("", None, 0)]


def _node_tip(
    node: DrawnNode,
    facts: list[Fact],
    countries: dict[str, str],
    posts: dict[str, Any],
) -> dict[str, Any]:
    country = countries.get(node.country, "")
    post_dates = ""
    for post in posts.get(node.id, ()):
        if post.first_seen or post.last_seen:
            post_dates = f"{post.first_seen or '?'} → {post.last_seen or '?'}"
            break
    function = node.title or node.role
    if node.title and node.role and node.role not in node.title:
        function = f"{node.title} ({node.role})"
    unique = {f.id: f for f in facts}
    latest = max(unique.values(), key=fact_key, default=None)
    return {
        "head": node.name,
        "quote": latest.evidence.sentence if latest else "",
        "source": _source(latest) if latest else "",
        "rows": _rows(
            ("Type", KIND_STYLE.get(node.kind, (node.kind,))[0]),
            ("Fonction", function),
            ("Pays", f"{country} ({node.country})" if country else node.country),
            ("Fonction vue", post_dates),
            ("Faits", len(unique)),
            ("Dates", _period(list(unique.values()))),
            ("Aussi", ", ".join(node.aliases[:4])),
            ("Id", node.id),
        ),
    }


def _edge_item(
    edge: DrawnEdge,
    view: str,
    names: dict[str, str],
    countries: dict[str, str],
    rank: int,
    large: bool,
) -> dict[str, Any]:
    source, target = names[edge.source], names[edge.target]
    latest = edge.facts[-1]
    if view == "entities":
        label, colour = RELATION_STYLE[edge.relation]
        group = edge.relation
        level = str(latest.attributes.get("level", ""))
        tip = {
            "head": f"{source} — {label} — {target}",
            "rows": _rows(
                ("Fait", FACT_LABELS[latest.type]),
                ("Date", _date_text(latest)),
                ("Lieu", latest.place),
                ("Niveau", LEVEL_STYLE.get(level, (level,))[0] if level else ""),
                ("Autres passages", len(latest.also)),
                ("Règle", f"{latest.rule} (confiance {latest.confidence:.2f})"),
                ("Id", latest.id),
            ),
        }
        item: dict[str, Any] = {"label": "" if large else label, "width": 1.5}
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
                ("Période", _period(edge.facts)),
                ("Dernier fait", f"{FACT_LABELS[latest.type]} {_date_text(latest)}".strip()),
            ),
        }
        item = {
            "label": f"{len(edge.facts)} fait{'s' if len(edge.facts) > 1 else ''}",
            "value": len(edge.facts),
            "font": {"size": 13},
        }
    tip["quote"] = latest.evidence.sentence
    tip["source"] = _source(latest)
    item |= {
        "id": edge.id,
        "from": edge.source,
        "to": edge.target,
        "group": group,
        "color": colour,
        "tip": tip,
    }
    if edge.directed:
        item["arrows"] = "to"
    if rank and not large:
        item["smooth"] = {"type": "curvedCW" if rank % 2 else "curvedCCW", "roundness": 0.15 * rank}
    return item


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
            "font": {"size": 14, "color": "#1d2733", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # zoomed out on a large graph, labels are unreadable smudges: draw them from 9 px
            "scaling": {
                "min": 10,
                "max": 36,
                "label": {"enabled": large, "min": 12, "max": 22, "drawThreshold": 9},
            },
        },
        "edges": {
            "arrows": {"to": {"scaleFactor": 0.55}},
            "font": {"size": 11, "color": "#4a5563", "strokeWidth": 3, "align": "middle"},
            "scaling": {"min": 1, "max": 12, "label": {"enabled": False}},
            "selectionWidth": 2,
            "hoverWidth": 1,
            "smooth": False if large else {"type": "continuous", "roundness": 0.3},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "multiselect": True,
        },
        "physics": {"enabled": False},
    }
    if not large:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "centralGravity": 0.012,
                "springLength": 120,
                "springConstant": 0.06,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": True, "iterations": 300 if n <= 100 else 150},
        }
    return options


def _legend(drawing: Drawing, network: Network, countries: dict[str, str]) -> dict[str, Any]:
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
                {"key": code, "label": countries.get(code, code) or "sans pays", "count": n}
                for code, n in present.items()
            ),
            key=lambda c: (c["key"] == "", c["label"].casefold(), c["key"]),
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
    network: Network,
    drawing: Drawing,
    data: GraphData,
    *,
    title: str,
    subtitle: str,
    notes: list[str],
) -> str:
    payload = {
        "view": drawing.view,
        "subtitle": subtitle,
        "notes": notes,
        "focus": drawing.focus,
        "edgeOpacity": 0.3 if len(drawing.nodes) > LARGE else 0.85,
        "nodes": network.nodes,
        "edges": network.edges,
        "options": network.options,
        "legend": _legend(drawing, network, country_names(data)),
    }
    values = {
        "title": html.escape(title),
        "vis_css": _vis_asset("vis-network.css"),
        "vis_js": _vis_asset("vis-network.min.js"),
        "data": script_json(payload),
    }
    template = (
        resources.files("kg.render").joinpath("templates/graph.html").read_text(encoding="utf-8")
    )
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
