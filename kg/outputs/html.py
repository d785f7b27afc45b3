"""Draw the entity graph as one self-contained, offline HTML page (pyvis / vis-network).

Takes an rdflib graph in the shape of ``docs/model.md`` and gives a pyvis ``Network``
(``build_network``), the page as a string (``render_html``) or the page written to a file
(``write_html``). Nodes are the entities (the six kg classes), edges the kg relations
between two entities; ``releasedOn`` dates go into the film's tooltip.

The page makes no network request: vis-network is inlined and pyvis's Bootstrap links are
removed. Text from articles is data, never markup: node and edge data reach the page as
JSON with ``<``, ``>`` and ``&`` escaped, tooltips are plain text (vis-network 9 shows a
string ``title`` with ``innerText``), and the heading and legend go through ``html.escape``.
"""
from __future__ import annotations

import contextlib
import copy
import html
import json
import math
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

from pyvis.network import Network
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.ontology import CLASSES, KG, RELATIONS

# class -> (colour, vis-network shape, legend glyph); every shape here draws its label below
STYLE = {
    "Person": ("#0072B2", "dot", "\u25cf"),
    "Film": ("#E69F00", "star", "\u2605"),
    "Franchise": ("#CC79A7", "diamond", "\u25c6"),
    "Location": ("#009E73", "triangle", "\u25b2"),
    "Organization": ("#D55E00", "square", "\u25a0"),
    "Platform": ("#56B4E9", "hexagon", "\u2b22"),
}

OPTIONS = {
    "physics": {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -8000, "springLength": 140, "avoidOverlap": 0.2},
        "stabilization": {"enabled": True, "iterations": 1000, "updateInterval": 50, "fit": True},
    },
    "edges": {
        "smooth": False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "font": {"size": 11, "align": "middle"},
        "color": {"color": "#999999", "highlight": "#333333"},
    },
    "nodes": {"font": {"size": 14}},
    "interaction": {"hover": True, "tooltipDelay": 150},
}

# freeze the layout once stabilised (the stabilisation runs from a setTimeout, after this)
_FREEZE = ('<script>network.once("stabilizationIterationsDone", function () '
           '{ network.setOptions({physics: false}); });</script>')
_BOOTSTRAP = re.compile(r"<link[^>]*bootstrap[^>]*>|<script[^>]*bootstrap[^>]*>\s*</script>", re.S)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|@import\s*(?:url\()?\s*["']?)\s*(?:https?:)?//""", re.I)


def _local(iri: URIRef) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _entities(graph: Graph) -> dict[URIRef, str]:
    """Every entity IRI with its class local name (the first of ``CLASSES`` if several)."""
    found: dict[URIRef, str] = {}
    for name in reversed(CLASSES):
        for node in graph.subjects(RDF.type, KG[name]):
            if isinstance(node, URIRef):
                found[node] = name
    return found


def _label(graph: Graph, node: URIRef) -> str:
    labels = sorted(str(o) for o in graph.objects(node, RDFS.label))
    return labels[0] if labels else _local(node)


def _evidence_counts(graph: Graph, entities: dict[URIRef, str]) -> Counter:
    """Number of kg:Evidence records whose rdf:subject or rdf:object is each entity."""
    counts: Counter = Counter()
    for ev in set(graph.subjects(RDF.type, KG.Evidence)):
        ends = set(graph.objects(ev, RDF.subject)) | set(graph.objects(ev, RDF.object))
        counts.update(end for end in ends if end in entities)
    return counts


def build_network(graph: Graph) -> Network:
    """Build the pyvis network of the entities in ``graph``.

    Args:
        graph: a kg graph (entities, relations, evidence) as ``docs/model.md`` describes.

    Returns:
        A directed ``Network`` with one node per entity (coloured and shaped by class,
        sized by degree, plain-text tooltip with class, label, alt labels, release dates
        and evidence count) and one labelled edge per kg relation triple between two
        entities, both added in sorted order.
    """
    entities = _entities(graph)
    edges, released = [], {}
    for rel in RELATIONS:
        for s, o in graph.subject_objects(KG[rel]):
            if s in entities and o in entities:
                edges.append((str(s), rel, str(o)))
            elif rel == "releasedOn" and s in entities and isinstance(o, Literal):
                released.setdefault(s, []).append(str(o))
    edges.sort()
    degree = Counter(end for s, _, o in edges for end in (s, o))
    evidence = _evidence_counts(graph, entities)

    net = Network(height="750px", width="100%", directed=True, cdn_resources="in_line")
    net.options = copy.deepcopy(OPTIONS)  # a plain dict: pyvis dumps it as it is
    for node in sorted(entities):
        cls, label = entities[node], _label(graph, node)
        colour, shape, _ = STYLE[cls]
        lines = [f"{cls}: {label}"]
        alts = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)} - {label})
        if alts:
            lines.append("also: " + ", ".join(alts))
        lines += [f"released: {d}" for d in sorted(released.get(node, []))]
        lines.append(f"evidence: {evidence[node]}")
        net.add_node(str(node), label=label, shape=shape, color=colour, title="\n".join(lines),
                     size=round(10 + 5 * math.sqrt(degree[str(node)]), 1))
    for s, rel, o in edges:
        net.add_edge(s, o, label=rel, title=rel)
    return net


def _legend(net: Network) -> str:
    present = Counter(node["shape"] for node in net.nodes)
    items = "".join(
        f'<li style="display:inline-block;margin-right:1.5em"><span style="color:{colour};font-size:1.3em">{glyph}</span> '
        f"{html.escape(cls)} ({present[shape]}, {shape})</li>"
        for cls, (colour, shape, glyph) in STYLE.items() if present[shape]
    )
    return f'<ul class="kg-legend" style="list-style:none;padding:0;margin:4px 0">{items}</ul>'


def render_html(graph: Graph, title: str = "kg") -> str:
    """Render ``graph`` as one HTML page that needs no network access.

    Args:
        graph: a kg graph.
        title: the page title, shown with the counts of entities and relations.

    Returns:
        The page: vis-network inlined, a heading, a class legend and the network.

    Raises:
        RuntimeError: if the page would still load something remotely (a pyvis change).
    """
    net = build_network(graph)
    template = net.templateEnv.get_template(net.path)
    # rendered here, not with net.generate_html(): pyvis switches to an innerHTML popup
    # whenever a title contains "href", which would turn article text into markup
    page = template.render(
        height=net.height, width=net.width, nodes=net.nodes, edges=net.edges, heading="",
        options=json.dumps(net.options), physics_enabled=True, use_DOT=False, dot_lang="",
        widget=False, bgcolor=net.bgcolor, conf=False, tooltip_link=False,
        neighborhood_highlight=False, select_menu=False, filter_menu=False, notebook=False,
        cdn_resources="in_line",
    )
    page = _EMPTY_HEADING.sub("", _BOOTSTRAP.sub("", page))
    safe_title = html.escape(title)
    header = (
        f'<header style="font-family:sans-serif;margin:0 8px">'
        f"<h1>{safe_title}</h1><p>{len(net.nodes)} entities, {len(net.edges)} relations</p>"
        f"{_legend(net)}</header>"
    )
    page = page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n<title>{safe_title}</title>', 1)
    page = page.replace("<body>", "<body>\n" + header, 1)
    page = page.replace("</body>", _FREEZE + "\n</body>", 1)
    if REMOTE.search(page):
        raise RuntimeError("the rendered page still references a remote resource")
    return page


def write_html(graph: Graph, path: str | os.PathLike, title: str = "kg") -> None:
    """Write the page of ``graph`` to ``path`` atomically (temporary file, then replace).

    Args:
        graph: a kg graph.
        path: the HTML file to write; its folder must exist.
        title: the page title.
    """
    path = Path(path)
    page = render_html(graph, title)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(page)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
