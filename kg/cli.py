"""The ``kg`` command: parses arguments and calls the library; nothing else lives here.

Exit codes: 0 success, 1 bad input or a failed check, 2 usage error. Errors are one line
on stderr naming the file and the problem.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import InputError, KGError

DEFAULT_OUT = Path("output")
EXPORTS = ("graph.ttl", "graph.html")
"""The files a build or removal writes into OUT: the graph as Turtle and its HTML view."""
DEFAULT_GRAPH = DEFAULT_OUT / EXPORTS[0]
DEFAULT_STORE = DEFAULT_OUT / "store"


def _store_of(args: argparse.Namespace) -> Path:
    """The store a build or removal writes: --store, else OUT/store."""
    return Path(args.store) if args.store else Path(args.out) / "store"


def _source(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """What a reading command reads, as (store, graph file): --store or --graph if given,
    else output/store when it is a store, else output/graph.ttl."""
    from kg.store import is_store

    if getattr(args, "store", None):
        return Path(args.store), None
    if getattr(args, "graph", None):
        return None, Path(args.graph)
    if is_store(DEFAULT_STORE):
        return DEFAULT_STORE, None
    return None, DEFAULT_GRAPH


def _read_graph(args: argparse.Namespace):
    """The graph a reading command works on, from the store or the graph file."""
    from kg.outputs.rdf import load_graph
    from kg.store import GraphStore

    store, file = _source(args)
    if store is None:
        return load_graph(file)
    with GraphStore.open(store, read_only=True) as opened:
        return opened.graph()


def _finish(result, args: argparse.Namespace, store: Path) -> int:
    """After a build or removal: write ``EXPORTS`` into OUT, then the summary unless --quiet."""
    from kg.outputs.html import write_html
    from kg.outputs.rdf import write_graph

    out = Path(args.out)
    turtle, page = EXPORTS
    write_graph(result.graph, out / turtle)
    write_html(result.graph, out / page, title=f"kg: {result.stored} articles in {store}")
    if not args.quiet:
        print(build_summary(result, out, store))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import Settings, build_store

    settings = Settings(
        model=args.model,
        extractors=tuple(args.extractors.split(",")) if args.extractors else None,
        progress=not args.quiet,
    )
    store = _store_of(args)
    result = build_store(
        args.paths, store, settings, min_confidence=args.min_confidence, strict=args.strict, fresh=args.fresh,
        on_skip=lambda s: print(f"warning: {s.source}: {s.reason}; skipped", file=sys.stderr),
        on_warning=lambda message: print(f"warning: {message}", file=sys.stderr),
    )
    return _finish(result, args, store)


def build_summary(result, out: Path, store: Path) -> str:
    """The summary of a build or removal (``result``, a ``kg.pipeline.StoreResult``, of the
    store in ``store``): articles read and skipped (new, changed, unchanged) or removed, the
    store, entities per class, relations per name, triples left out by --strict, seconds."""
    from kg.query import shorten
    from kg.stats import compute_stats

    stats = compute_stats(result.graph, top=0)
    entities = ", ".join(f"{c} {n}" for c, n in stats.entities.items() if n) or "none"
    relations = ", ".join(f"{r} {n}" for r, n in stats.relations.items() if n) or "none"
    if result.removed:
        shown = ", ".join(result.removed[:10]) + (f" and {len(result.removed) - 10} more" if len(result.removed) > 10 else "")
        lines = [f"removed {len(result.removed)} article{'s' * (len(result.removed) != 1)}: {shown}, in {result.seconds:.1f} s"]
    else:
        lines = [
            f"read {len(result.articles)} articles, skipped {len(result.skipped)}, in {result.seconds:.1f} s: "
            f"{len(result.added)} new, {len(result.changed)} changed, {len(result.unchanged)} unchanged"
        ]
    changes = result.changes
    lines.append(f"store {store}: {result.stored} articles; named graphs written {len(changes.written)}, dropped {len(changes.dropped)}")
    lines += [f"entities  ({sum(stats.entities.values())}): {entities}", f"relations ({sum(stats.relations.values())}): {relations}"]
    left_out = result.left_out
    if left_out:
        one = len(left_out) == 1
        lines.append(f"left out {len(left_out)} triple{'' if one else 's'} that break{'s' if one else ''} the shapes (--strict):")
        lines += [f"  {' '.join(' '.join(shorten(t).split()) for t in triple)}: {message}" for triple, message in left_out]
    lines.append("wrote " + " and ".join(str(out / name) for name in EXPORTS))
    return "\n".join(lines)


def cmd_articles(args: argparse.Namespace) -> int:
    from kg.query import format_result
    from kg.store import GraphStore

    with GraphStore.open(_store_of(args), read_only=True) as store:
        sys.stdout.write(format_result(store.articles(), args.format))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from kg.pipeline import remove_from_store

    store = _store_of(args)
    return _finish(remove_from_store(args.targets, store), args, store)


def cmd_query(args: argparse.Namespace) -> int:
    from kg.outputs.rdf import load_dataset, load_graph
    from kg.query import format_result, run_query
    from kg.store import GraphStore

    text = args.query
    if text.endswith(".rq") or Path(text).is_file():
        path = Path(text)
        if not path.is_file():
            raise InputError(f"{path}: no such query file")
        text = path.read_text(encoding="utf-8")
    store, file = _source(args)
    if store is None and file.suffix.lower() in (".trig", ".nq"):
        result = run_query(load_dataset(file), text)  # keeps the named graphs for GRAPH queries
    elif store is None:
        result = run_query(load_graph(file), text)
    else:
        with GraphStore.open(store, read_only=True) as opened:
            result = opened.query(text)
    sys.stdout.write(format_result(result, args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.outputs.rdf import FORMATS, load_graph, write_graph, write_text
    from kg.store import GraphStore

    store, file = _source(args)
    if store is None:
        out = Path(args.out) if args.out else file.with_suffix(FORMATS[args.format][1])
        write_graph(load_graph(file), out, args.format)
    else:
        out = Path(args.out) if args.out else store.parent / f"graph{FORMATS[args.format][1]}"
        with GraphStore.open(store, read_only=True) as opened:
            text = opened.export(args.format)
        write_text(text, out)
    print(f"wrote {out}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate

    report = validate(_read_graph(args), args.shapes)
    sys.stdout.write(report.text if report.text.endswith("\n") else report.text + "\n")
    return 0 if report.conforms else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.stats import compute_stats, format_stats

    sys.stdout.write(format_stats(compute_stats(_read_graph(args), top=args.top)))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import serve

    if args.graph:
        source = {"graph": Path(args.graph)}
    else:
        source = {"store": _store_of(args)}
    serve(host=args.host, port=args.port, timeout=args.timeout, **source)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from kg.evaluate import format_report, load_gold, score
    from kg.outputs.rdf import load_graph

    gold = load_gold(args.gold)
    result = score(load_graph(args.graph), gold)
    print(json.dumps(result.as_dict(), indent=2) if args.json else format_report(result, misses=not args.no_misses))
    failed = [
        f"{what} F1 {value:.4f} is below {minimum}"
        for what, value, minimum in (
            ("entity", result.entities.f1, args.min_entity_f1),
            ("relation", result.relations.f1, args.min_relation_f1),
        )
        if minimum is not None and value < minimum
    ]
    for message in failed:
        print(f"kg eval: {message}", file=sys.stderr)
    return 1 if failed else 0


def cmd_view(args: argparse.Namespace) -> int:
    import webbrowser
    from datetime import datetime

    from kg.outputs.html import write_html
    from kg.outputs.rdf import load_graph

    source, out = Path(args.graph), Path(args.out)
    graph = load_graph(source)
    built = datetime.fromtimestamp(source.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    classes = [c for c in args.classes.split(",") if c.strip()] if args.classes else None
    out.parent.mkdir(parents=True, exist_ok=True)
    write_html(graph, out, title=f"kg: {source}", built=built, focus=args.focus, depth=args.depth,
               classes=classes, max_nodes=args.max_nodes)
    print(f"wrote {out}")
    if args.open:
        webbrowser.open(out.resolve().as_uri())
    return 0


def cmd_extractors(args: argparse.Namespace) -> int:
    from kg.extractors import REGISTRY

    width = max(len(name) for name in REGISTRY)
    for name, extractor in REGISTRY.items():
        print(f"{name.ljust(width)}  {getattr(extractor, 'description', '')}")
    return 0


def parser() -> argparse.ArgumentParser:
    from kg.outputs.rdf import FORMATS
    from kg.query import SELECT_FORMATS

    top = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph from film and TV news articles, offline.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def graph_option(p: argparse.ArgumentParser) -> None:
        source = p.add_mutually_exclusive_group()
        source.add_argument("--graph", metavar="FILE", help=f"graph file to read (.ttl .nt .nq .trig .jsonld ...; default: the store {DEFAULT_STORE} if there is one, else {DEFAULT_GRAPH})")
        source.add_argument("--store", metavar="PATH", help=f"store to read (default: {DEFAULT_STORE} if there is one)")

    def store_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--out", default=str(DEFAULT_OUT), metavar="DIR", help=f"output folder: the store is DIR/store, the exports DIR/graph.ttl and DIR/graph.html (default: {DEFAULT_OUT})")
        p.add_argument("--store", metavar="PATH", help="use this store instead of DIR/store")

    p = commands.add_parser("build", help="add articles to the store; write graph.ttl and graph.html", description="Read article files and folders (recursively; .txt and .jsonl) into the store OUT/store (new and changed articles are analysed, unchanged ones skipped) and write OUT/graph.ttl and OUT/graph.html from it.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files and folders")
    store_options(p)
    p.add_argument("--fresh", action="store_true", help="start from an empty store")
    p.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None, help="keep triples that break the SHACL shapes out of the graph and list them (the store remembers the choice; default: no)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: $KG_SPACY_MODEL, else the best installed English model)")
    p.add_argument("--extractors", metavar="A,B", help="run only these extractors (see `kg extractors`)")
    p.add_argument("--min-confidence", type=float, default=None, metavar="X", help="keep facts with at least this confidence, in the whole graph (the store remembers it; default: 0.5)")
    p.add_argument("-q", "--quiet", action="store_true", help="print no summary and no progress bar")
    p.set_defaults(run=cmd_build)

    p = commands.add_parser("articles", help="list the articles in the store", description="List the articles in the store: id, date, title, the facts each supports in the graph, and the file it was read from.")
    store_options(p)
    p.add_argument("--format", choices=SELECT_FORMATS, default="table", help="output format (default: table)")
    p.set_defaults(run=cmd_articles)

    p = commands.add_parser("remove", help="retract articles from the store", description="Retract articles from the store, by id (see `kg articles`) or by the file or folder path they were built from, and rewrite OUT/graph.ttl and OUT/graph.html. Entities no article supports any more disappear with their labels.")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_ID", help="article ids, or files and folders as given to kg build")
    store_options(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    p.set_defaults(run=cmd_remove)

    p = commands.add_parser("query", help="run a SPARQL query (text or .rq file)", description="Run SPARQL over a graph; the prefixes kg, rdf, rdfs, owl, xsd, skos, schema, prov are bound.")
    p.add_argument("query", help="the query text, or a .rq file")
    graph_option(p)
    p.add_argument("--format", choices=SELECT_FORMATS, default="table", help="SELECT result format (default: table)")
    p.set_defaults(run=cmd_query)

    p = commands.add_parser("export", help="write the graph in another format", description="Write the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD or GraphML.")
    graph_option(p)
    p.add_argument("--format", choices=list(FORMATS), default="ttl", help="output format (default: ttl)")
    p.add_argument("--out", metavar="FILE", help="output file (default: the graph file with the format's extension)")
    p.set_defaults(run=cmd_export)

    p = commands.add_parser("validate", help="check the graph against the SHACL shapes", description="Validate the graph against ontology/shapes.ttl (exit 1 on violations).")
    graph_option(p)
    p.add_argument("--shapes", metavar="FILE", help="SHACL shapes file (default: ontology/shapes.ttl)")
    p.set_defaults(run=cmd_validate)

    p = commands.add_parser("stats", help="counts by class and relation; most connected entities")
    graph_option(p)
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many connected entities to list (default: 10)")
    p.set_defaults(run=cmd_stats)

    p = commands.add_parser("eval", help="score a graph against gold annotations (precision, recall, F1)", description="Score a graph against a gold file in the format of the scoring contract (../shared/eval/README.md), with the same matching as its score.py: entity and relation precision, recall and F1, per class and per relation, and every miss and false hit. Exit 1 when a --min-* threshold is given and not met.")
    p.add_argument("graph", metavar="GRAPH", help="graph file to score (.ttl .nt .nq .trig .jsonld ...)")
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold annotations, one JSON object per article")
    p.add_argument("--json", action="store_true", help="print the whole result as JSON")
    p.add_argument("--no-misses", action="store_true", help="leave the lists of misses and false hits out of the report")
    p.add_argument("--min-entity-f1", type=float, metavar="X", help="exit 1 when the entity F1 is below X")
    p.add_argument("--min-relation-f1", type=float, metavar="X", help="exit 1 when the relation F1 is below X")
    p.set_defaults(run=cmd_eval)

    p = commands.add_parser("view", help="write the interactive HTML network of a graph", description="Write the graph as one self-contained HTML page (no network needed): search, filters, evidence on click, focus on a neighbourhood.")
    graph_option(p)
    p.add_argument("--out", default=str(DEFAULT_OUT / EXPORTS[1]), metavar="FILE", help=f"page to write (default: {DEFAULT_OUT / EXPORTS[1]})")
    p.add_argument("--focus", metavar="NAME", help="show only the neighbourhood of the entity with this name (any of its names; case ignored)")
    p.add_argument("--depth", type=int, default=1, metavar="N", help="links to follow from --focus (default: 1)")
    p.add_argument("--classes", metavar="A,B", help="show only these classes, e.g. Person,Film")
    p.add_argument("--max-nodes", type=int, metavar="N", help="show only the N most connected entities; the page says how many were left out")
    p.add_argument("--open", action="store_true", help="open the page in the web browser")
    p.set_defaults(run=cmd_view)

    p = commands.add_parser("extractors", help="list the registered extractors")
    p.set_defaults(run=cmd_extractors)

    p = commands.add_parser("serve", help="a read-only SPARQL endpoint over the store or a graph file", description="Serve the graph over HTTP: the SPARQL 1.1 Protocol at /sparql (GET and POST; results as JSON, XML, CSV or TSV and graphs as Turtle or JSON-LD, by content negotiation), the network view at /, a query page at /query. Read-only: updates are refused with 403. Serves a snapshot taken at start; restart it to serve a later build.")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--out", default=str(DEFAULT_OUT), metavar="DIR", help=f"serve the store DIR/store (default: {DEFAULT_OUT})")
    source.add_argument("--store", metavar="PATH", help="serve this store")
    source.add_argument("--graph", metavar="FILE", help="serve a graph file (.ttl .nt .nq .trig .jsonld ...)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="time limit per query; a slower query gets 503 (default: 30)")
    p.set_defaults(run=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KGError as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
