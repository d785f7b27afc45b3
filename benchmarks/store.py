#!/usr/bin/env python3
"""The store against plain in-memory rdflib, on synthetic graphs in kg's shape.

    python benchmarks/store.py [--sizes 100000,1000000] [--cap SECONDS] [--json]

For each size it writes a synthetic graph as N-Quads (one named graph per article with its
node, entity types, relations and their evidence records, and one graph of entity labels,
as docs/model.md describes), then measures, side by side in one run:

- load: Oxigraph on disk (``bulk_load``, then ``bulk_extend`` of the same triples into the
  default graph, which a kg store keeps as the union of the named graphs) against rdflib
  (``Dataset(default_union=True).parse``);
- every query of ``ontology/queries/*.rq``, all rows fetched: through ``kg.store.run_ox_query``
  (as ``kg query --store`` and ``kg serve`` run them) against ``kg.query.run_query`` on the
  rdflib dataset;
- export: N-Quads and TriG of the named graphs, as ``kg export --store`` writes them
  (``GraphStore.export``: sorted, deterministic) against rdflib's ``Dataset.serialize``.

It prints seconds and the ratio rdflib / store for each step. An rdflib query that runs past
``--cap`` seconds (30 up to 200,000 quads, 5 above, so that the 1M case takes about five
minutes on two cores; an export gets twice as long, at least 30 s) is stopped (SIGALRM)
and reported as more than the cap, its ratio as "at least". Ratios carry over to other
machines better than seconds.
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import signal
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graph import ENTITIES_GRAPH  # noqa: E402
from kg.ontology import ARTICLE, EVIDENCE, ID, KG, SCHEMA  # noqa: E402
from kg.query import run_query  # noqa: E402
from kg.store import GraphStore, run_ox_query  # noqa: E402

QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
# relation, subject class, object class (None: a date)
RELATIONS = [
    ("directs", "Person", "Film"), ("actsIn", "Person", "Film"), ("actsIn", "Person", "Film"),
    ("writes", "Person", "Film"), ("produces", "Person", "Film"), ("worksOn", "Person", "Film"),
    ("producedBy", "Film", "Organization"), ("filmsIn", "Film", "Location"), ("releasedOn", "Film", None),
    ("partOf", "Film", "Franchise"), ("locatedIn", "Location", "Location"), ("worksFor", "Person", "Organization"),
    ("supports", "Organization", "Film"), ("postsOn", "Person", "Platform"),
]
POOLS = {"Person": 1.5, "Film": 0.5, "Location": 0.2, "Organization": 0.1, "Franchise": 0.03, "Platform": 0.005}
NAMED = {("Person", 0): "Christopher Nolan", ("Film", 0): "Oppenheimer"}  # names the example queries ask for


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def synthetic_nquads(target: int, seed: int = 5) -> tuple[str, int, int]:
    """About ``target`` quads in kg's shape, as N-Quads text; also the quad and article counts."""
    rng = random.Random(seed)
    articles = max(1, target // 250)
    pools = {cls: max(5, int(articles * share)) for cls, share in POOLS.items()}
    iri = {}
    for cls, size in pools.items():
        for n in range(size):
            iri[(cls, n)] = f"<{ID}{cls.lower()}/{cls.lower()}-{n}>"
    lines: list[str] = []
    used: set[tuple[str, int]] = set()
    for a in range(articles):
        doc = f"<{ARTICLE}a{a:06d}-txt>"
        graph = doc
        identifier = "oppenheimer.txt" if a == 0 else f"a{a:06d}.txt"
        publisher = ("Organization", rng.randrange(pools["Organization"]))
        author = ("Person", rng.randrange(pools["Person"]))
        lines += [
            f"{doc} <{RDF}type> <{SCHEMA}NewsArticle> {graph} .",
            f"{doc} <{SCHEMA}identifier> {_lit(identifier)} {graph} .",
            f'{doc} <{SCHEMA}datePublished> "20{20 + a % 5}-{1 + a % 12:02d}-{1 + a % 28:02d}"^^<{XSD}date> {graph} .',
            f"{doc} <{SCHEMA}name> {_lit(f'Headline of article {a}')} {graph} .",
            f"{doc} <{SCHEMA}publisher> {iri[publisher]} {graph} .",
            f"{doc} <{SCHEMA}author> {iri[author]} {graph} .",
        ]
        facts: dict[tuple[str, str, str], None] = {}
        mentioned = {publisher, author}
        for _ in range(8):
            predicate, scls, ocls = rng.choice(RELATIONS)
            subject = (scls, 0 if a % 50 == 0 and scls == "Person" and predicate == "directs" else rng.randrange(pools[scls]))
            mentioned.add(subject)
            if ocls is None:
                obj = f'"20{20 + rng.randrange(8)}-{1 + rng.randrange(12):02d}"^^<{XSD}gYearMonth>'
            else:
                entity = (ocls, rng.randrange(pools[ocls]))
                mentioned.add(entity)
                obj = iri[entity]
            facts[(iri[subject], f"<{KG}{predicate}>", obj)] = None
        for entity in sorted(mentioned):
            used.add(entity)
            lines.append(f"{doc} <{SCHEMA}mentions> {iri[entity]} {graph} .")
            facts[(iri[entity], f"<{RDF}type>", f"<{KG}{entity[0]}>")] = None
        for n, (s, p, o) in enumerate(facts):
            lines.append(f"{s} {p} {o} {graph} .")
            evidence = f"<{EVIDENCE}a{a:06d}e{n:03d}>"
            start = 100 * n
            sentence = f"Sentence {n} of article {a}, which says how {s[1:-1].rsplit('/', 1)[-1]} relates to the rest."
            for ep, eo in (
                (f"<{RDF}type>", f"<{KG}Evidence>"), (f"<{RDF}subject>", s), (f"<{RDF}predicate>", p), (f"<{RDF}object>", o),
                (f"<{PROV}wasDerivedFrom>", doc), (f"<{KG}sentence>", _lit(sentence)),
                (f"<{KG}startOffset>", f'"{start}"^^<{XSD}integer>'), (f"<{KG}endOffset>", f'"{start + len(sentence)}"^^<{XSD}integer>'),
                (f"<{KG}extractor>", _lit(rng.choice(["roles", "ner", "titles", "filming"]))),
                (f"<{KG}confidence>", f'"0.{rng.randrange(50, 100)}"^^<{XSD}decimal>'),
            ):
                lines.append(f"{evidence} {ep} {eo} {graph} .")
    labels = f"<{ENTITIES_GRAPH}>"
    for cls, n in sorted(used):
        name = NAMED.get((cls, n), f"{cls} {n}")
        lines.append(f"{iri[(cls, n)]} <{RDFS}label> {_lit(name)} {labels} .")
        lines.append(f"{iri[(cls, n)]} <{SKOS}altLabel> {_lit(name.split()[-1])} {labels} .")
    return "\n".join(lines) + "\n", len(lines), articles


class Capped(BaseException):
    """An rdflib step ran past the cap (a BaseException: rdflib's ``except Exception`` must
    not swallow it)."""


@contextmanager
def cap(seconds: float):
    """Stop the block (pure Python, so SIGALRM reaches it) after ``seconds``."""
    def stop(signum, frame):
        raise Capped()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(step, limit: float | None = None) -> tuple[float, bool, object]:
    """(seconds, capped, value) of one call; with a limit, stopped past it."""
    started = time.perf_counter()
    try:
        if limit:
            with cap(limit):
                value = step()
        else:
            value = step()
    except Capped:
        return time.perf_counter() - started, True, None
    return time.perf_counter() - started, False, value


def _ox_rows(database: ox.Store, text: str) -> int:
    answer = run_ox_query(database, text)
    if isinstance(answer, ox.QueryBoolean):
        return 1
    rows = 0
    for solution in answer:
        list(solution)  # fetch every value of the row
        rows += 1
    return rows


def _rdflib_rows(dataset: Dataset, text: str) -> int:
    return len(list(run_query(dataset, text)))


def run_size(target: int, work: Path, limit: float) -> dict:
    text, quads, articles = synthetic_nquads(target)
    source = work / f"graph-{target}.nq"
    source.write_text(text, encoding="utf-8")
    del text
    rows: list[dict] = []

    def record(step: str, store: tuple, rdflib: tuple, detail: str = "") -> None:
        rows.append({
            "step": step, "store_s": store[0], "rdflib_s": rdflib[0], "rdflib_capped": rdflib[1],
            "ratio": rdflib[0] / store[0] if store[0] > 0 else float("inf"), "detail": detail,
        })

    folder = work / f"store-{target}"
    shutil.rmtree(folder, ignore_errors=True)
    store = GraphStore.open(folder, create=True)
    database = store.database

    def load() -> None:
        database.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
        triples = ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS)  # the union, into the default graph
        database.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in triples)
        database.flush()

    store_load = timed(load)
    dataset = Dataset(default_union=True)
    rdflib_load = timed(lambda: dataset.parse(str(source), format="nquads"))  # never capped: the queries need it all
    record("load N-Quads", store_load, rdflib_load)
    gc.collect()
    gc.freeze()  # the loaded graph is never garbage: keep the collector from walking it on every step

    totals = [0.0, 0.0, False]
    for path in QUERIES:
        query = path.read_text(encoding="utf-8")
        ours = timed(lambda: _ox_rows(database, query))
        theirs = timed(lambda: _rdflib_rows(dataset, query), limit)
        detail = f"{ours[2]} rows" + ("" if theirs[1] or theirs[2] == ours[2] else f" (rdflib {theirs[2]})")
        record(f"query {path.stem}", ours, theirs, detail)
        totals[0] += ours[0]
        totals[1] += theirs[0]
        totals[2] = totals[2] or theirs[1]
    record("queries, all", (totals[0], False), (totals[1], totals[2]))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for name, fmt, rdflib_format in (("N-Quads", "nq", "nquads"), ("TriG", "trig", "trig")):
            ours = timed(lambda: (work / "out-kg").write_text(store.export(fmt), encoding="utf-8"))
            theirs = timed(lambda: dataset.serialize(destination=str(work / "out-rdflib"), format=rdflib_format), max(2 * limit, 30.0))
            record(f"export {name}", ours, theirs, "sorted, named graphs")
    store.close()
    del store, database, dataset
    gc.unfreeze()
    gc.collect()
    shutil.rmtree(folder, ignore_errors=True)
    return {"target": target, "quads": quads, "articles": articles, "cap": limit, "rows": rows}


def format_size(result: dict) -> str:
    lines = [f"== {result['quads']:,} quads ({result['articles']:,} articles, one named graph each; rdflib capped at {result['cap']:g} s a query)",
             f"{'step':34}  {'Oxigraph on disk':>16}  {'rdflib in memory':>16}  {'rdflib / store':>14}"]
    for row in result["rows"]:
        capped = row["rdflib_capped"]
        rdflib = (">" if capped else "") + f"{row['rdflib_s']:.3f} s"
        ratio = ("≥" if capped else "") + f"{row['ratio']:.1f}x"
        lines.append(f"{row['step']:34}  {row['store_s']:>14.3f} s  {rdflib:>16}  {ratio:>14}  {row['detail']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100000,1000000", help="quad counts, comma-separated (default: 100000,1000000)")
    ap.add_argument("--cap", type=float, metavar="SECONDS", help="stop an rdflib query after this long, an export after twice as long or 30 s (default: 30 up to 200,000 quads, 5 above)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args(argv)
    results = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as work:
        for size in (int(s) for s in args.sizes.split(",")):
            limit = args.cap or (30.0 if size <= 200_000 else 5.0)
            results.append(run_size(size, Path(work), limit))
            if not args.json:
                print(format_size(results[-1]), flush=True)
                print()
    if args.json:
        print(json.dumps({"pyoxigraph": ox.__version__, "results": results}, indent=2))
    else:
        print(f"pyoxigraph {ox.__version__}; {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
