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
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"


def cmd_build(args: argparse.Namespace) -> int:
    from kg.outputs.html import write_html
    from kg.outputs.rdf import write_graph
    from kg.pipeline import Settings, build

    settings = Settings(
        model=args.model,
        extractors=tuple(args.extractors.split(",")) if args.extractors else None,
        min_confidence=args.min_confidence,
        progress=not args.quiet,
    )
    result = build(args.paths, settings, on_skip=lambda s: print(f"warning: {s.source}: {s.reason}; skipped", file=sys.stderr))
    if not result.articles:
        raise InputError(f"{', '.join(args.paths)}: no readable articles found; nothing written")
    out = Path(args.out)
    write_graph(result.graph, out / "graph.ttl")
    write_html(result.graph, out / "graph.html", title="kg: " + ", ".join(args.paths))
    if not args.quiet:
        print(build_summary(result, out))
    return 0


def build_summary(result, out: Path) -> str:
    """Articles read and skipped, entities per class, relations per name, seconds."""
    from kg.stats import compute_stats

    stats = compute_stats(result.graph, top=0)
    entities = ", ".join(f"{c} {n}" for c, n in stats.entities.items() if n) or "none"
    relations = ", ".join(f"{r} {n}" for r, n in stats.relations.items() if n) or "none"
    return "\n".join([
        f"read {len(result.articles)} articles, skipped {len(result.skipped)}, in {result.seconds:.1f} s",
        f"entities  ({sum(stats.entities.values())}): {entities}",
        f"relations ({sum(stats.relations.values())}): {relations}",
        f"wrote {out / 'graph.ttl'} and {out / 'graph.html'}",
    ])


def cmd_query(args: argparse.Namespace) -> int:
    from kg.outputs.rdf import load_graph
    from kg.query import format_result, run_query

    text = args.query
    if text.endswith(".rq") or Path(text).is_file():
        path = Path(text)
        if not path.is_file():
            raise InputError(f"{path}: no such query file")
        text = path.read_text(encoding="utf-8")
    sys.stdout.write(format_result(run_query(load_graph(args.graph), text), args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.outputs.rdf import FORMATS, load_graph, write_graph

    out = Path(args.out) if args.out else Path(args.graph).with_suffix(FORMATS[args.format][1])
    write_graph(load_graph(args.graph), out, args.format)
    print(f"wrote {out}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.outputs.rdf import load_graph
    from kg.validate import validate

    report = validate(load_graph(args.graph), args.shapes)
    sys.stdout.write(report.text if report.text.endswith("\n") else report.text + "\n")
    return 0 if report.conforms else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.outputs.rdf import load_graph
    from kg.stats import compute_stats, format_stats

    sys.stdout.write(format_stats(compute_stats(load_graph(args.graph), top=args.top)))
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
        p.add_argument("--graph", default=str(DEFAULT_GRAPH), metavar="FILE", help=f"graph file to read (default: {DEFAULT_GRAPH})")

    p = commands.add_parser("build", help="read articles and write graph.ttl and graph.html", description="Read article files and folders (recursively; .txt and .jsonl) and write OUT/graph.ttl and OUT/graph.html.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files and folders")
    p.add_argument("--out", default=str(DEFAULT_OUT), metavar="DIR", help=f"output folder (default: {DEFAULT_OUT})")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: $KG_SPACY_MODEL, else the best installed English model)")
    p.add_argument("--extractors", metavar="A,B", help="run only these extractors (see `kg extractors`)")
    p.add_argument("--min-confidence", type=float, default=0.5, metavar="X", help="keep facts with at least this confidence (default: 0.5)")
    p.add_argument("-q", "--quiet", action="store_true", help="print no summary and no progress bar")
    p.set_defaults(run=cmd_build)

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
    p.add_argument("--out", default=str(DEFAULT_OUT / "graph.html"), metavar="FILE", help=f"page to write (default: {DEFAULT_OUT / 'graph.html'})")
    p.add_argument("--focus", metavar="NAME", help="show only the neighbourhood of the entity with this name (any of its names; case ignored)")
    p.add_argument("--depth", type=int, default=1, metavar="N", help="links to follow from --focus (default: 1)")
    p.add_argument("--classes", metavar="A,B", help="show only these classes, e.g. Person,Film")
    p.add_argument("--max-nodes", type=int, metavar="N", help="show only the N most connected entities; the page says how many were left out")
    p.add_argument("--open", action="store_true", help="open the page in the web browser")
    p.set_defaults(run=cmd_view)

    p = commands.add_parser("extractors", help="list the registered extractors")
    p.set_defaults(run=cmd_extractors)
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
