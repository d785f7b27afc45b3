"""How fast the HTML view is: build pages of synthetic graphs and time them in Chromium.

For each size (entities) it builds a synthetic kg graph (classes, relations by the
ontology's signatures, popular films with big casts, one or two evidence sentences per
fact), renders the page (``kg.outputs.html.render_html``), opens it from file:// in
headless Chromium (Debian's, through Playwright) and measures:

- ready: from navigation start until the network is drawn and stable (the page sets
  ``document.body.dataset.state = "ready"``; the layout comes from Python, so no physics
  runs in the browser);
- search: from typing a name into the search box and pressing Enter until the side panel
  shows that entity (the view is focused on it).

    python benchmarks/html_view.py                 # 500, 2,000 and 10,000 entities
    python benchmarks/html_view.py 2000 --repeat 3 # medians of 3
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import ARTICLE, EVIDENCE, ID, KG, SCHEMA, SIGNATURES, new_graph
from kg.outputs.html import render_html
from kg.view import read_view

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHARES = {"Person": 0.5, "Film": 0.15, "Location": 0.15, "Organization": 0.12, "Franchise": 0.03, "Platform": 0.05}
FIRST = ["Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca"]
LAST = ["Moreau", "Okafor", "Silva", "Tanaka", "Novak", "Haddad", "Lind", "Costa", "Byrne", "Kowalski"]


def synthetic_graph(size: int, seed: int = 1):
    """A kg graph with ``size`` entities and about 1.3 relations per entity, with evidence."""
    rng = random.Random(seed)
    g = new_graph()
    by_class: dict[str, list] = {c: [] for c in SHARES}
    labels = {}
    for n in range(size):
        cls = rng.choices(list(SHARES), weights=list(SHARES.values()))[0]
        if cls == "Person":
            label = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
        else:
            label = f"{cls} {n}"
        node = ID[f"{cls.lower()}/e{n}"]
        g.add((node, RDF.type, KG[cls]))
        g.add((node, RDFS.label, Literal(label)))
        if cls == "Person":
            g.add((node, SKOS.altLabel, Literal(label.split()[1])))
        by_class[cls].append(node)
        labels[node] = label
    articles = [ARTICLE[f"a{n}"] for n in range(max(1, size // 10))]
    for n, article in enumerate(articles):
        g.add((article, RDF.type, SCHEMA.NewsArticle))
        g.add((article, SCHEMA.identifier, Literal(f"article_{n}.txt")))
        g.add((article, SCHEMA.datePublished, Literal(f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}", datatype=XSD.date)))
    films = by_class["Film"]
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(films))]  # a few very popular films
    relations = [r for r in SIGNATURES if SIGNATURES[r][1] is not None]
    count = 0
    for _ in range(int(size * 1.3)):
        rel = rng.choice(relations)
        subjects, objects = SIGNATURES[rel]
        s_cls, o_cls = rng.choice(sorted(subjects)), rng.choice(sorted(objects))
        if not by_class[s_cls] or not by_class[o_cls]:
            continue
        s = rng.choices(films, weights)[0] if s_cls == "Film" else rng.choice(by_class[s_cls])
        o = rng.choices(films, weights)[0] if o_cls == "Film" else rng.choice(by_class[o_cls])
        if s == o:
            continue
        g.add((s, KG[rel], o))
        for _ in range(rng.choice((1, 1, 2))):
            article = rng.choice(articles)
            sentence = f"{labels[s]} has a {rel} link with {labels[o]}, the article says."
            ev = EVIDENCE[f"x{count}"]
            count += 1
            for p, o2 in ((RDF.type, KG.Evidence), (RDF.subject, s), (RDF.predicate, KG[rel]), (RDF.object, o),
                          (PROV.wasDerivedFrom, article), (KG.sentence, Literal(sentence)),
                          (KG.startOffset, Literal(0)), (KG.endOffset, Literal(len(sentence))),
                          (KG.extractor, Literal("synthetic")),
                          (KG.confidence, Literal(f"{rng.uniform(0.5, 1):.2f}", datatype=XSD.decimal))):
                g.add((ev, p, o2))
            g.add((article, SCHEMA.mentions, s))
            g.add((article, SCHEMA.mentions, o))
    return g


def measure(browser, path: Path, name: str) -> tuple[float, float]:
    """(seconds to ready, seconds for a search to focus ``name``) for the page at ``path``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_function("document.body && document.body.dataset.state === 'ready'", timeout=120_000, polling=20)
    ready = page.evaluate("kgView.readyAt") / 1000  # performance.now(): since navigation start
    start = time.perf_counter()
    page.fill("#kg-search", name)
    page.press("#kg-search", "Enter")
    page.wait_for_function("n => document.querySelector('#kg-panel h2').textContent === n", arg=name,
                           timeout=60_000, polling=10)
    searched = time.perf_counter() - start
    context.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return ready, searched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (medians are reported)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in args.sizes:
            graph = synthetic_graph(size)
            start = time.perf_counter()
            view = read_view(graph)
            page = render_html(view, title=f"synthetic {size}", built="benchmark")
            render = time.perf_counter() - start
            path = Path(tmp) / f"graph-{size}.html"
            path.write_text(page, encoding="utf-8")
            name = max(view.entities.values(), key=lambda e: (len(e.label), e.iri)).label
            runs = [measure(browser, path, name) for _ in range(args.repeat)]
            ready = statistics.median(r[0] for r in runs)
            search = statistics.median(r[1] for r in runs)
            rows.append((size, len(view.relations), len(page) / 1e6, render, ready, search))
            print(f"{size:>6} entities {len(view.relations):>6} relations  page {len(page) / 1e6:5.1f} MB  "
                  f"python {render:5.2f} s  browser: ready {ready:5.2f} s, search {search:5.2f} s, "
                  f"total {ready + search:5.2f} s", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
