#!/usr/bin/env python3
"""Extraction quality on the gold sets: precision, recall and F1 per class and relation.

    python benchmarks/quality.py [--json] [--misses] [--model NAME]

Builds one graph per gold set with ``kg.pipeline.build`` and scores it with
``kg.evaluate`` (the matching of the scoring contract, ``../shared/eval/README.md``):

- seeds: ``../shared/seeds`` against ``../shared/eval/gold/seeds.jsonl``, when the shared
  folder exists beside the project (skipped with a note otherwise);
- dev: ``benchmarks/dev/`` against ``benchmarks/gold/dev.jsonl`` (the set rules are tuned on);
- examples: ``examples/articles/`` against ``benchmarks/gold/examples.jsonl``, annotated from
  the text alone (looked at while tuning since; new dev batches, scored once before any
  tuning on them, are the honest estimate for unseen articles: see README).

The spaCy pipeline is loaded once for both. For each set it prints the tables per class
and per relation, the summary line and the build time; ``--misses`` adds every missed and
false entity and relation, ``--json`` prints everything as one JSON object instead.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kg.evaluate import format_report, load_gold, score
from kg.nlp import load_pipeline
from kg.pipeline import Settings, build

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = (  # name, articles, gold, needs the shared folder
    ("seeds", SHARED / "seeds", SHARED / "eval" / "gold" / "seeds.jsonl", True),
    ("dev", ROOT / "benchmarks" / "dev", ROOT / "benchmarks" / "gold" / "dev.jsonl", False),
    ("examples", ROOT / "examples" / "articles", ROOT / "benchmarks" / "gold" / "examples.jsonl", False),
)
LISTS = ("missed_entities", "false_entities", "missed_relations", "false_relations")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as one JSON object")
    ap.add_argument("--misses", action="store_true", help="list every missed and false entity and relation")
    ap.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: as `kg build` chooses)")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    nlp = load_pipeline(args.model)
    model = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}".strip()
    load_seconds = time.perf_counter() - started
    settings = Settings(model=args.model, progress=False)
    results: dict[str, dict] = {}
    blocks = [f"model {model}, loaded in {load_seconds:.1f} s"]
    for name, articles, gold_path, shared in SETS:
        if shared and not SHARED.is_dir():
            note = f"{SHARED} not found"
            results[name] = {"skipped": note}
            blocks.append(f"== {name}: skipped ({note})")
            continue
        gold = load_gold(gold_path)
        built = build([articles], settings, nlp=nlp, on_skip=lambda s: print(f"warning: {s.source}: {s.reason}; skipped", file=sys.stderr))
        result = score(built.graph, gold)
        record = {"articles": len(built.articles), "build_seconds": round(built.seconds, 2), **result.as_dict()}
        if not args.misses:
            for key in LISTS:
                del record[key]
        results[name] = record
        blocks.append(
            f"== {name}: {len(built.articles)} articles ({_shown(articles)}) against {_shown(gold_path)}, "
            f"built in {built.seconds:.1f} s\n" + format_report(result, misses=args.misses)
        )
    if args.json:
        print(json.dumps({"model": model, "model_seconds": round(load_seconds, 2), "sets": results}, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(blocks))
    return 0


def _shown(path: Path) -> str:
    """A path relative to the project root when it can be, for shorter lines."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(Path("..") / path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)


if __name__ == "__main__":
    sys.exit(main())
