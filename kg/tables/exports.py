"""The exports of a build, written into one folder: ``facts.jsonl``, ``graph.ttl``,
``graph.nt``, ``graph.jsonld`` and ``graph.html``, each replaced atomically."""

from __future__ import annotations

import shutil
from pathlib import Path

from kg.atomic import write_text
from kg.model import GraphData
from kg.tables.facts import facts_jsonl


def write_exports(data: GraphData, out: Path, *, html: bool = True) -> list[str]:
    """Write facts.jsonl, graph.ttl, graph.nt, graph.jsonld and graph.html, each atomically."""
    from kg import rdf

    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".graph.*.tmp"):
        # left by a build killed mid-write: a half-written file or a folder of sorted runs
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    for stale in out.glob(".facts.jsonl.*.tmp"):
        stale.unlink(missing_ok=True)
    written = []
    write_text(out / "facts.jsonl", facts_jsonl(data.facts))
    written.append(str(out / "facts.jsonl"))
    written.extend(str(path) for path in rdf.write(data, out).values())
    if html:
        from kg.render.page import render_html

        written.append(
            str(render_html(data, out / "graph.html", title="Diplomatic knowledge graph"))
        )
    return written
