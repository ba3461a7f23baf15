"""The ``kg`` command line: argument parsing and printing only.

Every command calls one library function; a :class:`kg.errors.KgError` becomes a one-line
message on stderr and exit code 1 (2 for usage errors, as argparse does).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError

if TYPE_CHECKING:
    pass


#: seconds between two progress lines when stderr is not a terminal (a log, a pipe)
PROGRESS_EVERY = 5.0


def _window_options(p: argparse.ArgumentParser) -> None:
    """``--since`` and ``--until``, checked at parse time."""
    for option, word in (("--since", "from"), ("--until", "up to")):
        p.add_argument(
            option, type=_date, default=None, metavar="DATE", help=_date_help(option, word)
        )


def _date_help(option: str, what: str) -> str:
    return (
        f"keep facts dated {what} this date: YYYY, YYYY-MM, YYYY-MM-DD, or --MM-DD for a day "
        f"of any year (then write {option}=--MM-DD)"
    )


class Progress:
    """Build progress on stderr, used as a context manager around the build.

    On a terminal: a ``tqdm`` bar of the pages.  Elsewhere (piped to a file, in CI): a plain
    line every :data:`PROGRESS_EVERY` seconds from a background thread, whatever the build is
    doing (loading the model, reading pages, resolving, writing the exports), and one at the
    end; a build shorter than that prints nothing.
    """

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.done = 0
        self.total: int | None = None
        self.bar: Any = None
        self.printed = False
        self.tty = sys.stderr.isatty()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if not self.tty:
            self._thread = threading.Thread(target=self._beat, name="kg-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, failed: type[BaseException] | None, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            if self.printed and failed is None:  # a failure says so itself, in one line
                self._line(finished=True)
        if self.bar is not None:
            self.bar.close()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="page", file=sys.stderr, leave=True)
            self.bar.update(done - self.bar.n)

    def _beat(self) -> None:
        while not self._stop.wait(PROGRESS_EVERY):
            self._line()

    def _line(self, *, finished: bool = False) -> None:
        elapsed = f"{time.monotonic() - self.started:.0f} s"
        done, total = self.done, self.total
        if total is None:
            text = f"build: {'finished' if finished else 'starting (reading the pages)'}, {elapsed}"
        elif finished:
            text = f"build: {done}/{total} pages, finished in {elapsed}"
        elif done < total:
            text = f"build: {done}/{total} pages ({100 * done // max(total, 1)} %), {elapsed}"
        else:
            text = f"build: {done}/{total} pages read; resolving and writing the exports, {elapsed}"
        self.printed = True
        print(text, file=sys.stderr, flush=True)


def _date(text: str) -> str:
    """An argparse type: a date bound, checked by :meth:`kg.dates.PartialDate.parse`."""
    from kg.dates import PartialDate

    try:
        PartialDate.parse(text)
    except KgError as e:
        raise argparse.ArgumentTypeError(str(e)) from e
    return text


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    with contextlib.ExitStack() as stack:
        progress = None if args.quiet else stack.enter_context(Progress())
        result = build(
            args.inputs,
            out=args.out,
            cache_dir=args.cache,
            use_cache=not args.no_cache,
            workers=args.workers,
            progress=progress,
            html=not args.no_html,
            wait=args.wait,
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
    from kg.rdf.bindings import resolve_bindings
    from kg.rdf.sparql import read_query

    text = read_query(args.query)
    data = None if args.endpoint else args.data
    where: dict[str, Any] = {
        "data": data,
        "endpoint": args.endpoint,
        "graph_iri": args.graph if args.endpoint else None,
        "deadline": args.deadline,
    }
    bindings = resolve_bindings(text, args.bind or [], where)
    result = query(text, bindings=bindings, **where)
    print(result.to_table())
    return 0


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
    top.add_argument("--version", action="version", version=f"kg {_version()}")
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
    p.add_argument(
        "--quiet",
        action="store_true",
        help="no progress (else a bar on a terminal, a line every few seconds elsewhere)",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="when another build is writing into OUT, wait up to SECONDS for it "
        "(default: stop at once with a message)",
    )
    p.set_defaults(func=cmd_build)

    p = command(
        "extract",
        "print the facts read on each page",
        "kg extract seeds/001_fa185c5762076d10.txt --format jsonl",
    )
    p.add_argument("inputs", nargs="+", help="page files or folders")
    p.add_argument(
        "--format",
        choices=["jsonl", "tsv"],
        default="jsonl",
        help="one JSON object per fact, or tab-separated columns (default: jsonl)",
    )
    p.set_defaults(func=cmd_extract)

    p = command(
        "eval",
        "score extraction against gold annotations",
        "kg eval --gold tests/gold --json out/eval.json",
    )
    p.add_argument("--gold", default="tests/gold", help="folder of gold *.json")
    p.add_argument(
        "--pages", default=None, help="folder of the pages (default: found from the gold)"
    )
    p.add_argument("--json", default=None, help="also write the scores as JSON")
    p.add_argument(
        "--errors",
        action="store_true",
        help="print every miss, spurious fact and wrong planned status",
    )
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
    p.add_argument(
        "--data",
        default="exports/graph.ttl",
        help="export file to load (default: exports/graph.ttl)",
    )
    p.add_argument(
        "--endpoint", required=True, help="the store's base URL, e.g. http://127.0.0.1:7878"
    )
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
        'kg render --focus "To Lam" --depth 2 --out out/to-lam.html',
    )
    p.add_argument("--data", default="exports", help="export folder or file (default: exports)")
    p.add_argument(
        "--out", default="exports/view.html", help="HTML file to write (default: exports/view.html)"
    )
    p.add_argument("--focus", default=None, help="entity name or id for an ego network")
    p.add_argument(
        "--depth",
        type=int,
        default=1,
        help="hops from --focus drawn in the ego network (default: 1)",
    )
    p.add_argument(
        "--pair",
        nargs=2,
        metavar=("ISO", "ISO"),
        default=None,
        help="keep the facts between two different countries (ISO2 codes, e.g. VN CN)",
    )
    _window_options(p)
    p.add_argument(
        "--view",
        choices=["entities", "countries"],
        default="entities",
        help="entities and facts, or countries linked by their number of facts (default: entities)",
    )
    _remote_context_option(p)
    p.set_defaults(func=cmd_render)

    p = command(
        "query", "ask the graph a common question from the shell", "kg query visits --between VN RU"
    )
    p.add_argument("question", choices=QUESTIONS, help="one of: " + ", ".join(QUESTIONS))
    p.add_argument("--data", default="exports", help="export folder or file (default: exports)")
    p.add_argument(
        "--between",
        nargs=2,
        metavar=("A", "B"),
        default=None,
        help="two different entities (names, ids or ISO codes): what happened between them",
    )
    p.add_argument("--actor", default=None, help="a person, country or organisation")
    p.add_argument(
        "--kind", default=None, help="fact type, visit kind or role, depending on the question"
    )
    _window_options(p)
    _remote_context_option(p)
    p.set_defaults(func=cmd_query)

    p = command(
        "export",
        "write the graph for other tools: GraphML, GEXF (Gephi), CSV facts",
        "kg export --format gexf --out out/graph.gexf",
    )
    p.add_argument("--data", default="exports", help="export folder or file (default: exports)")
    p.add_argument(
        "--format",
        choices=["graphml", "gexf", "csv", "ttl", "nt", "jsonld"],
        required=True,
        help="graph for Gephi/yEd (gexf, graphml), the facts table (csv) or RDF (ttl, nt, jsonld)",
    )
    p.add_argument("--out", required=True, help="file to write (its folder is created)")
    _remote_context_option(p)
    p.set_defaults(func=cmd_export)

    p = command(
        "synth",
        "generate synthetic VNA-style pages with their gold",
        "kg synth --pages 100 --seed 1 --out /tmp/synth",
    )
    p.add_argument("--pages", type=int, default=100, help="how many pages (default: 100)")
    p.add_argument(
        "--seed", type=int, default=0, help="random seed: the same seed gives the same pages"
    )
    p.add_argument("--out", required=True, help="folder for the pages (gold in OUT/gold)")
    p.set_defaults(func=cmd_synth)
    return top


def _version() -> str:
    from kg import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    top = parser()
    if not (sys.argv[1:] if argv is None else list(argv)):
        # `kg` alone: what it does and its commands, not only "arguments are required"
        top.print_help()
        return 2
    args = top.parse_args(argv)
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
