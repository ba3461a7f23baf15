"""The ``kg`` command line: argument parsing and printing only.

Every command calls one library function; a :class:`kg.errors.KgError` becomes a one-line
message on stderr and exit code 1 (2 for usage errors, as argparse does).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import KgError

EPILOG_BUILD = "example: kg build seeds/ --out exports/"


def _progress_printer(quiet: bool) -> Callable[[int, int], None] | None:
    if quiet or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done == total else ""
        print(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages",
            end=end,
            file=sys.stderr,
        )

    return show


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    result = build(
        args.inputs,
        out=args.out,
        cache_dir=args.cache,
        use_cache=not args.no_cache,
        workers=args.workers,
        progress=_progress_printer(args.quiet),
        html=not args.no_html,
    )
    report = result.report
    print(f"read {report.pages} pages, {report.documents} documents ({report.cached} from cache)")
    print("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(report.entities.items())))
    print("facts: " + ", ".join(f"{k} {v}" for k, v in sorted(report.facts.items())))
    for path, reason in report.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    for warning in sorted(set(report.warnings)):
        print(f"warning: {warning}", file=sys.stderr)
    for path in report.written:
        print(f"wrote {path}")
    print(f"time: {report.seconds:.2f} s")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.errors import ReadError
    from kg.extract.page import extract_page
    from kg.pipeline import find_pages
    from kg.resolve.stage import page_facts
    from kg.tables.facts import fact_record

    status = 0
    for path in find_pages(args.inputs):
        try:
            facts = page_facts(extract_page(path))
        except ReadError as e:
            print(f"skipped {path}: {e}", file=sys.stderr)
            status = 1
            continue
        for fact in facts:
            record = fact_record(fact, with_also=False)
            if args.format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            else:
                roles = "; ".join(
                    f"{k}="
                    + (", ".join(a["name"] for a in v) if isinstance(v, list) else v["name"])
                    for k, v in record["roles"].items()
                )
                print(f"{record['article']}\t{record['type']}\t{roles}\t{record['date'] or ''}")
    return status


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.atomic import write_text
    from kg.evaluate import evaluate

    report = evaluate(args.gold, args.pages)
    print(report.table())
    if args.errors:
        for error in report.errors:
            print(json.dumps(error, ensure_ascii=False))
    if args.json:
        write_text(args.json, json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


def cmd_sparql(args: argparse.Namespace) -> int:
    from kg.rdf import query
    from kg.rdf.sparql import read_query

    text = read_query(args.query)
    bindings = dict(_binding(b) for b in args.bind or [])
    result = query(
        text,
        data=None if args.endpoint else args.data,
        endpoint=args.endpoint,
        bindings=bindings,
        graph_iri=args.graph if args.endpoint else None,
        deadline=args.deadline,
    )
    print(result.to_table())
    return 0


def _binding(text: str) -> tuple[str, object]:
    """``NAME=VALUE``: an ISO2 code or an entity id ("person:to-lam") or an IRI ("<...>",
    "https://...") binds that resource; anything else binds a string literal."""
    import re

    from rdflib import URIRef

    from kg.rdf.vocab import entity_iri

    if "=" not in text:
        raise KgError(f"--bind takes NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    name = name.lstrip("?$")
    if re.fullmatch(r"[A-Z]{2}", value):
        return name, URIRef(str(entity_iri(f"country:{value}")))
    if re.fullmatch(r"(?:person|country|org|place):[\w-]+", value):
        return name, URIRef(str(entity_iri(value)))
    if re.fullmatch(r"fact:[0-9a-f]+(?:-\d+)?", value):
        from kg.rdf.vocab import fact_iri

        return name, URIRef(str(fact_iri(value)))
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    if re.match(r"https?://", value):
        return name, URIRef(value)
    return name, value


def cmd_push(args: argparse.Namespace) -> int:
    from kg.rdf import push

    graph = push(
        args.data,
        endpoint=args.endpoint,
        graph_iri=args.graph,
        default_graph=args.default_graph,
        deadline=args.deadline,
    )
    where = "the default graph" if graph is None else f"graph <{graph}>"
    print(f"pushed {args.data} to {args.endpoint}, {where}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from kg.api import KnowledgeGraph
    from kg.render.page import render_html

    graph = KnowledgeGraph.load(args.data, allow_remote_contexts=args.allow_remote_context)
    path = render_html(
        graph.data,
        args.out,
        focus=args.focus,
        depth=args.depth,
        pair=tuple(args.pair) if args.pair else None,
        since=args.since,
        until=args.until,
        view=args.view,
    )
    print(f"wrote {path}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.api import KnowledgeGraph, format_rows

    graph = KnowledgeGraph.load(args.data, allow_remote_contexts=args.allow_remote_context)
    rows = graph.run(
        args.question,
        between=args.between,
        actor=args.actor,
        kind=args.kind,
        since=args.since,
        until=args.until,
    )
    print(format_rows(rows))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.api import KnowledgeGraph

    graph = KnowledgeGraph.load(args.data, allow_remote_contexts=args.allow_remote_context)
    path = graph.save(args.out, format=args.format)
    print(f"wrote {path}")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from kg.synth import generate

    paths = generate(args.pages, seed=args.seed, out=Path(args.out))
    print(f"wrote {len(paths)} pages and their gold to {args.out}")
    return 0


def _deadline_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--deadline",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="give up on the server after this long in all (default: 300)",
    )


def _remote_context_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-remote-context",
        action="store_true",
        help="let a JSON-LD --data fetch its @context from the network (refused by default)",
    )


def parser() -> argparse.ArgumentParser:
    from kg.api import QUESTIONS

    top = argparse.ArgumentParser(
        prog="kg",
        description="Turn French diplomatic news pages (VNA) into a knowledge graph: facts, RDF, HTML.",
        epilog="example: kg build seeds/ && kg sparql ontology/queries/receptions.rq",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example: {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = command(
        "build",
        "read pages, extract facts, write facts.jsonl, graph.ttl/.nt/.jsonld and graph.html",
        "kg build seeds/ --out exports/",
    )
    p.add_argument("inputs", nargs="+", help="page files or folders (.txt, .html)")
    p.add_argument("--out", default="exports", help="export folder (default: exports)")
    p.add_argument("--cache", default=None, help="cache folder (default: OUT/.kg-cache)")
    p.add_argument("--no-cache", action="store_true", help="analyse every page again")
    p.add_argument("--workers", type=int, default=1, help="processes for extraction")
    p.add_argument("--no-html", action="store_true", help="skip graph.html")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build)

    p = command(
        "extract",
        "print the facts read on each page",
        "kg extract seeds/001_fa185c5762076d10.txt --format jsonl",
    )
    p.add_argument("inputs", nargs="+", help="page files or folders")
    p.add_argument("--format", choices=["jsonl", "tsv"], default="jsonl")
    p.set_defaults(func=cmd_extract)

    p = command(
        "eval",
        "score extraction against gold annotations",
        "kg eval --gold tests/gold --json exports/eval.json",
    )
    p.add_argument("--gold", default="tests/gold", help="folder of gold *.json")
    p.add_argument(
        "--pages", default=None, help="folder of the pages (default: found from the gold)"
    )
    p.add_argument("--json", default=None, help="also write the scores as JSON")
    p.add_argument("--errors", action="store_true", help="print every miss and spurious fact")
    p.set_defaults(func=cmd_eval)

    p = command(
        "sparql",
        "run a SPARQL query (text or .rq file) on an export or an endpoint",
        "kg sparql ontology/queries/visits_between_countries.rq --bind countryA=VN --bind countryB=RU",
    )
    p.add_argument("query", help="SPARQL text or a .rq file")
    p.add_argument(
        "--data", default="exports/graph.ttl", help="export to query (default: exports/graph.ttl)"
    )
    p.add_argument("--endpoint", default=None, help="SPARQL 1.1 endpoint URL instead of a file")
    p.add_argument(
        "--graph",
        default=None,
        metavar="IRI",
        help="with --endpoint: query this named graph (the one `kg push` printed)",
    )
    p.add_argument(
        "--bind",
        action="append",
        metavar="NAME=VALUE",
        help="bind a query variable (repeatable; a name the query lacks is refused)",
    )
    _deadline_option(p)
    p.set_defaults(func=cmd_sparql)

    p = command(
        "push",
        "load an export into a SPARQL store (Graph Store Protocol): replaces one named graph,"
        " never the store's default graph unless asked",
        "kg push --data exports/graph.ttl --endpoint http://127.0.0.1:7878",
    )
    p.add_argument("--data", default="exports/graph.ttl")
    p.add_argument("--endpoint", required=True)
    target = p.add_mutually_exclusive_group()
    target.add_argument(
        "--graph",
        default=None,
        metavar="IRI",
        help="named graph to replace (default: the export folder's graph,"
        " https://w3id.org/kg-diplomacy/id/graph/FOLDER-HASH, printed after the push)",
    )
    target.add_argument(
        "--default-graph",
        action="store_true",
        help="replace the store's default graph instead (and whatever else is in it)",
    )
    _deadline_option(p)
    p.set_defaults(func=cmd_push)

    p = command(
        "render",
        "draw an HTML network: whole graph, ego network, country pair, time window, countries",
        'kg render --focus "To Lam" --depth 2 --out exports/to-lam.html',
    )
    p.add_argument("--data", default="exports", help="export folder or file (default: exports)")
    p.add_argument("--out", default="exports/view.html")
    p.add_argument("--focus", default=None, help="entity name or id for an ego network")
    p.add_argument("--depth", type=int, default=1)
    p.add_argument("--pair", nargs=2, metavar=("ISO", "ISO"), default=None)
    p.add_argument("--since", default=None)
    p.add_argument("--until", default=None)
    p.add_argument("--view", choices=["entities", "countries"], default="entities")
    _remote_context_option(p)
    p.set_defaults(func=cmd_render)

    p = command(
        "query", "ask the graph a common question from the shell", "kg query visits --between VN RU"
    )
    p.add_argument(
        "question",
        choices=QUESTIONS,
    )
    p.add_argument("--data", default="exports")
    p.add_argument("--between", nargs=2, metavar=("A", "B"), default=None)
    p.add_argument("--actor", default=None, help="a person, country or organisation")
    p.add_argument(
        "--kind", default=None, help="fact type, visit kind or role, depending on the question"
    )
    p.add_argument("--since", default=None)
    p.add_argument("--until", default=None)
    _remote_context_option(p)
    p.set_defaults(func=cmd_query)

    p = command(
        "export",
        "write the graph for other tools: GraphML, GEXF (Gephi), CSV facts",
        "kg export --format gexf --out exports/graph.gexf",
    )
    p.add_argument("--data", default="exports")
    p.add_argument(
        "--format", choices=["graphml", "gexf", "csv", "ttl", "nt", "jsonld"], required=True
    )
    p.add_argument("--out", required=True)
    _remote_context_option(p)
    p.set_defaults(func=cmd_export)

    p = command(
        "synth",
        "generate synthetic VNA-style pages with their gold",
        "kg synth --pages 100 --seed 1 --out /tmp/synth",
    )
    p.add_argument("--pages", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_synth)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        return int(args.func(args))
    except KgError as e:
        print(f"kg: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
