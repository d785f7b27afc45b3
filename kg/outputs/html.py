"""The interactive network as one self-contained, offline HTML page (vis-network).

Takes an rdflib graph in the shape of ``docs/model.md`` (or a ``kg.view.GraphView``
already selected) and gives the page data (``page_data``), the page as a string
(``render_html``) or the page written atomically to a file (``write_html``).

The page: nodes coloured and shaped by class with a legend, sized by their links and
placed by ``kg.layout`` (so the browser runs no physics and any size draws at once), edges
labelled with the relation and arrowed; a side panel with an entity's names, relations
and articles, or a fact's evidence sentences with both names highlighted; search by any
name; filters by class, relation and confidence; focus on a neighbourhood; a header with
the counts, the build date and the source articles. vis-network comes from the copy that
pyvis ships (``templates/lib/vis-9.1.2``) and is inlined with the page's own script and
style (``kg/outputs/page/``), so the page makes no network request; a Content Security
Policy allows only those scripts (by hash) and no connection at all.

Article text is data, never markup: it reaches the page as JSON in a
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the page's
script puts it in the DOM with ``textContent`` only.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pyvis
from rdflib import Graph

from kg.layout import layout
from kg.outputs.rdf import write_text
from kg.ontology import CLASSES, RELATIONS
from kg.view import GraphView, read_view, select

# class -> (colour, vis-network shape, legend glyph); every shape here draws its label below
STYLE = {
    "Person": ("#0072B2", "dot", "\u25cf"),
    "Film": ("#E69F00", "star", "\u2605"),
    "Franchise": ("#CC79A7", "diamond", "\u25c6"),
    "Location": ("#009E73", "triangle", "\u25b2"),
    "Organization": ("#D55E00", "square", "\u25a0"),
    "Platform": ("#56B4E9", "hexagon", "\u2b22"),
}

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
PAGE_DIR = Path(__file__).parent / "page"

REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|@import\s*(?:url\()?\s*["']?)\s*(?:https?:)?//""", re.I)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@lru_cache(maxsize=None)
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _script_json(value) -> str:
    """``value`` as JSON that cannot end a ``<script>`` element or open a comment (``<``,
    ``>``, ``&`` escaped), nor look like a remote address (``//`` written ``\\/\\/``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)
    return text.replace("//", "\\/\\/")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def page_data(view: GraphView, *, title: str = "kg", built: str = "", depth: int = 1) -> dict:
    """Everything the page's script needs, as JSON-ready values.

    Args:
        view: the (selected) graph view to draw.
        title: the graph's name, shown in the header.
        built: the build date shown in the header.
        depth: the focus depth the page starts with.

    Returns:
        A dict with ``meta`` (title, build date, counts, notes, focus),
        ``classes`` and ``relations`` (legend and filters), ``articles``, ``sentences`` (each
        evidence sentence once), ``nodes``, ``edges`` and ``literals`` (dated facts).
        Evidence entries are ``[article index or -1, sentence index, confidence or None,
        extractor or None]``.
    """
    entities = view.entities
    class_names = [c for c in CLASSES if any(e.cls == c for e in entities.values())]
    class_index = {c: i for i, c in enumerate(class_names)}
    articles = sorted(view.articles.values(), key=lambda a: (a.date or "9999", a.identifier, a.iri))
    article_index = {a.iri: i for i, a in enumerate(articles)}
    sentences: dict[str, int] = {}

    def evidence(fact):
        rows = []
        for ev in fact.evidence:
            sentence = sentences.setdefault(ev.sentence, len(sentences))
            rows.append([article_index.get(ev.article, -1), sentence, ev.confidence, ev.extractor])
        return rows

    edges, literals = [], []
    for fact in view.facts:
        if fact.literal:
            literals.append({"node": fact.subject, "rel": fact.relation, "value": fact.obj,
                             "conf": fact.confidence, "ev": evidence(fact)})
        elif fact.obj in entities:
            edges.append({"id": f"e{len(edges)}", "from": fact.subject, "to": fact.obj, "rel": fact.relation,
                          "conf": fact.confidence, "ev": evidence(fact)})

    net = view.network()
    # nodes without links are set out in rows by class, then by name
    order = sorted(entities, key=lambda iri: (class_index[entities[iri].cls], entities[iri].label.casefold(), iri))
    positions = layout(order, ((e["from"], e["to"]) for e in edges))
    nodes = []
    for iri in order:
        entity, degree = entities[iri], net.degree[iri]
        x, y = positions[iri]
        mentions = sorted({article_index[a] for a in entity.mentions if a in article_index})
        nodes.append({"id": iri, "label": entity.label, "c": class_index[entity.cls], "names": list(entity.names),
                      "d": degree, "x": x, "y": y, "a": mentions})

    counts = {
        "entities": len(entities),
        "relations": len(edges),
        "dates": len(literals),
        "articles": len(articles),
        "evidence": sum(len(f.evidence) for f in view.facts),
    }
    relation_counts = {r: 0 for r in RELATIONS}
    for edge in edges:
        relation_counts[edge["rel"]] += 1
    return {
        "meta": {
            "title": title,
            "built": built,
            "counts": counts,
            "total": {"entities": view.total_entities or len(entities), "relations": view.total_relations or len(edges)},
            "leftOut": max(view.left_out, 0),
            "notes": list(view.notes),
            "focus": view.focus,
            "depth": depth,
        },
        "classes": [{"name": c, "color": STYLE[c][0], "shape": STYLE[c][1], "glyph": STYLE[c][2]} for c in class_names],
        "relations": [r for r in RELATIONS if relation_counts[r]],
        "articles": [{"id": a.iri, "file": a.identifier, "title": a.title, "date": a.date, "url": a.url} for a in articles],
        "sentences": list(sentences),
        "nodes": nodes,
        "edges": edges,
        "literals": literals,
    }


def _page(data: dict) -> str:
    meta = data["meta"]
    vis_js, page_js = _asset(VIS_DIR / "vis-network.min.js"), _asset(PAGE_DIR / "graph.js")
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; base-uri 'none'; form-action 'none'")
    title = html.escape(meta["title"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{_asset(VIS_DIR / "vis-network.css")}</style>
<style>{_asset(PAGE_DIR / "graph.css")}</style>
</head>
<body>
<header id="kg-header">
  <h1 id="kg-title">{title}</h1>
  <p id="kg-counts"></p>
  <p id="kg-notes"></p>
  <details id="kg-sources"><summary id="kg-sources-summary">Source articles</summary><ol id="kg-articles"></ol></details>
</header>
<main>
  <aside id="kg-controls" aria-label="Search and filters">
    <label for="kg-search" class="kg-heading">Search</label>
    <input id="kg-search" type="search" placeholder="Any name, e.g. part of it" autocomplete="off" spellcheck="false">
    <ul id="kg-results" class="kg-results"></ul>
    <p class="kg-heading">Classes</p>
    <ul id="kg-classes" class="kg-checks"></ul>
    <p class="kg-heading">Relations</p>
    <ul id="kg-relations" class="kg-checks"></ul>
    <label for="kg-confidence" class="kg-heading">Minimum confidence <output id="kg-confidence-value">0.00</output></label>
    <input id="kg-confidence" type="range" min="0" max="1" step="0.05" value="0">
    <label class="kg-check"><input id="kg-isolated" type="checkbox"> hide entities without a shown relation</label>
    <p class="kg-heading">Focus</p>
    <div id="kg-focus">
      <span id="kg-focus-name">Select an entity first</span>
      <label>depth <select id="kg-depth"><option value="1">1</option><option value="2">2</option></select></label>
      <button id="kg-focus-on" type="button" disabled>Focus</button>
      <button id="kg-focus-off" type="button" disabled>Show all</button>
    </div>
    <p id="kg-status" role="status"></p>
  </aside>
  <div id="kg-network" aria-label="The network"></div>
  <aside id="kg-panel" aria-live="polite"></aside>
</main>
<script type="application/json" id="kg-data">{_script_json(data)}</script>
<script>{vis_js}</script>
<script>{page_js}</script>
</body>
</html>
"""


def render_html(
    graph: Graph | GraphView,
    title: str = "kg",
    *,
    built: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    classes: list[str] | tuple[str, ...] | None = None,
    max_nodes: int | None = None,
) -> str:
    """Render ``graph`` as one HTML page that needs no network access.

    Args:
        graph: a kg graph, or a ``GraphView`` (already selected or not).
        title: the graph's name, shown as the page title and in the header.
        built: the build date for the header (default: now, as ``YYYY-MM-DD HH:MM``).
        focus: show only the neighbourhood of the entity with this name.
        depth: the neighbourhood's depth (links from the focus).
        classes: show only these classes.
        max_nodes: show at most this many entities, the most connected.

    Returns:
        The page.

    Raises:
        kg.errors.InputError: a bad selection (see ``kg.view.select``).
        RuntimeError: if the page would load something remotely (a changed asset).
    """
    view = graph if isinstance(graph, GraphView) else read_view(graph)
    if focus is not None or classes or max_nodes is not None:
        view = select(view, focus=focus, depth=depth, classes=classes, max_nodes=max_nodes)
    if built is None:
        built = datetime.now().strftime("%Y-%m-%d %H:%M")
    page = _page(page_data(view, title=title, built=built, depth=depth))
    if REMOTE.search(page):
        raise RuntimeError("the rendered page references a remote resource")
    return page


def write_html(graph: Graph | GraphView, path: str | os.PathLike, title: str = "kg", **options) -> None:
    """Write the page of ``graph`` to ``path`` atomically (temporary file, then replace).

    Args:
        graph: a kg graph or a ``GraphView``.
        path: the HTML file to write; missing folders are created.
        title: the page title.
        **options: ``built``, ``focus``, ``depth``, ``classes``, ``max_nodes`` as for ``render_html``.
    """
    write_text(render_html(graph, title, **options), path)
