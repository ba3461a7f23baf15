"""Saving a :class:`kg.api.KnowledgeGraph`: RDF (``ttl``, ``nt``, ``jsonld``), GraphML and GEXF
(attributes flattened to plain values), the CSV facts table, and the inline example graph.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.api.models import date_text
from kg.errors import ExportError, KgError, WriteError
from kg.graph import build_graph
from kg.model import Actor, Entity, Fact, GraphData

__all__ = ["SAVE_FORMATS", "example_data", "facts_csv", "plain_graph", "save"]

SAVE_FORMATS = ("ttl", "nt", "jsonld", "graphml", "gexf", "csv")


def save(
    data: GraphData,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    graph: Callable[[], nx.MultiDiGraph] | None = None,
) -> Path:
    """Write ``data`` to ``path`` in ``format`` (default: the file's suffix), one of
    ``SAVE_FORMATS``; ``graph`` gives its networkx graph when one is already built.  Returns the
    path written (see :meth:`kg.api.KnowledgeGraph.save`).
    """
    from kg import atomic

    target = Path(path)
    fmt = (format or target.suffix.lstrip(".")).lower()
    if fmt not in SAVE_FORMATS:
        raise KgError(f"{target}: unknown format {fmt!r} (use one of {', '.join(SAVE_FORMATS)})")
    try:
        if fmt in ("ttl", "nt", "jsonld"):
            from kg import rdf

            rdf.write_file(data, target, fmt)
        elif fmt in ("graphml", "gexf"):
            plain = plain_graph(graph() if graph is not None else build_graph(data))
            lines = nx.generate_graphml(plain) if fmt == "graphml" else nx.generate_gexf(plain)
            atomic.write_text(target, "\n".join(lines) + "\n")
        else:
            atomic.write_text(target, facts_csv(data.facts))
    except WriteError as e:
        raise ExportError(str(e)) from e
    return target


def plain_value(value: Any) -> str | int | float:
    """``value`` as GraphML/GEXF can write it: bools as 0/1, None as "", the rest as JSON."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str | int | float):
        return value
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def plain_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are plain str/int/float (GraphML and GEXF write nothing else)."""
    plain = nx.MultiDiGraph()
    plain.add_nodes_from(
        (n, {k: plain_value(v) for k, v in a.items()}) for n, a in graph.nodes(data=True)
    )
    plain.add_edges_from(
        (u, v, k, {name: plain_value(x) for name, x in a.items()})
        for u, v, k, a in graph.edges(keys=True, data=True)
    )
    return plain


def facts_csv(facts: Sequence[Fact]) -> str:
    """The facts table, one row per fact; roles as ``<role>`` (names) and ``<role>_ids``."""
    roles = sorted({role for f in facts for role in f.roles})
    columns = ["id", "article", "doc", "type"]
    columns += [c for role in roles for c in (role, f"{role}_ids")]
    columns += ["date", "date_inferred", "place", "attributes", "evidence", "span_start"]
    columns += ["span_end", "rule", "confidence", "also"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for f in facts:
        row: dict[str, Any] = {
            "id": f.id,
            "article": Path(f.evidence.article).stem,
            "doc": f.evidence.doc,
            "type": f.type,
            "date": date_text(f.date) or "",
            "date_inferred": f.date_inferred or "",
            "place": f.place or "",
            "attributes": json.dumps(f.attributes, ensure_ascii=False, sort_keys=True),
            "evidence": f.evidence.sentence,
            "span_start": f.evidence.span[0],
            "span_end": f.evidence.span[1],
            "rule": f.rule,
            "confidence": f.confidence,
            "also": len(f.also),
        }
        for role in roles:
            people = f.actors(role)
            row[role] = "; ".join(a.name for a in people)
            row[f"{role}_ids"] = "; ".join(a.id for a in people)
        writer.writerow(row)
    return out.getvalue()


def example_data() -> GraphData:
    """The data of :meth:`kg.api.KnowledgeGraph.example`: one page, four facts."""
    from kg.model import Evidence, Post

    sentences = (
        "Dinh Tien Dung a reçu Xiong Bo à Hanoï.",
        "Tô Lâm a effectué une visite d'État en République de Corée.",
        "En décembre 2022, les deux pays ont élevé leurs liens au rang de partenariat "
        "stratégique global.",
        "Le Vietnam et la Chine ont signé deux accords.",
    )
    text = "Hanoï, 11 avril (VNA) - " + " ".join(sentences)

    def ev(sentence: str) -> Evidence:
        start = text.index(sentence)
        return Evidence(
            article="example.txt",
            doc="doc-example",
            section="main",
            sentence=sentence,
            span=(start, start + len(sentence)),
        )

    def country(iso: str, name: str, *aliases: str) -> Entity:
        return Entity(id=f"country:{iso}", kind="country", name=name, country=iso, aliases=aliases)

    entities = (
        country("CN", "Chine", "République populaire de Chine"),
        country("KR", "République de Corée", "Corée du Sud"),
        country("VN", "Vietnam", "Viet Nam"),
        Entity(id="person:dinh-tien-dung", kind="person", name="Dinh Tien Dung", country="VN"),
        Entity(id="person:to-lam", kind="person", name="Tô Lâm", country="VN", aliases=("To Lam",)),
        Entity(
            id="person:xiong-bo",
            kind="person",
            name="Xiong Bo",
            country="CN",
            posts=(Post(role="ambassador", title="ambassadeur de Chine au Vietnam", country="CN"),),
        ),
        Entity(id="place:hanoi", kind="place", name="Hanoi", country="VN"),
    )
    ref = {e.id: Actor(id=e.id, name=e.name, kind=e.kind, country=e.country) for e in entities}
    vn_kr = (ref["country:VN"], ref["country:KR"])
    common = {"rule": "example", "confidence": 0.9}
    facts = (
        Fact(
            id="fact:r1",
            type="reception",
            roles={"host": ref["person:dinh-tien-dung"], "guest": ref["person:xiong-bo"]},
            date="--04-11",
            place="Hanoï",
            evidence=ev(sentences[0]),
            **common,  # type: ignore[arg-type]
        ),
        Fact(
            id="fact:v1",
            type="visit",
            roles={"visitor": ref["person:to-lam"], "destination": ref["country:KR"]},
            date="2025-08-12",
            attributes={"kind": "state"},
            evidence=ev(sentences[1]),
            **common,  # type: ignore[arg-type]
        ),
        Fact(
            id="fact:p1",
            type="partnership",
            roles={"parties": vn_kr},
            date="2022-12",
            attributes={"level": "comprehensive_strategic_partnership", "event": "upgrade"},
            evidence=ev(sentences[2]),
            **common,  # type: ignore[arg-type]
        ),
        Fact(
            id="fact:a1",
            type="agreement",
            roles={"parties": (ref["country:VN"], ref["country:CN"])},
            attributes={"kind": "agreement", "count": 2},
            evidence=ev(sentences[3]),
            **common,  # type: ignore[arg-type]
        ),
    )
    return GraphData(entities=entities, facts=facts)
