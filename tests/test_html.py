"""The offline HTML page: content, self-containment, escaping, atomic writes, determinism."""
from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.ontology import ID, KG, new_graph
from kg.outputs.html import STYLE, build_network, render_html, write_html

# a remote URL in a src=/href= attribute or an @import (with or without url(...))
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|@import\s*(?:url\()?\s*["']?)\s*(?:https?:)?//""", re.I)
SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTES = 'Tom "The \\ Man"\nO\'Neil'
LINK = '<a href="javascript:alert(1)">click</a>'


def _nodes_json(page: str) -> list[dict]:
    match = re.search(r"nodes = new vis\.DataSet\((.*)\);$", page, re.M)
    assert match, "node data not found in the page"
    return json.loads(match.group(1))


def _evil_graph() -> Graph:
    g = new_graph()
    for n, (cls, label) in enumerate([(KG.Person, SCRIPT_BREAK), (KG.Film, IMG),
                                      (KG.Organization, QUOTES), (KG.Platform, LINK)]):
        node = ID[f"x/{n}"]
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, SKOS.altLabel, Literal(label + " alt")))
    g.add((ID["x/0"], KG.actsIn, ID["x/1"]))
    return g


@pytest.fixture
def page(small_graph):
    return render_html(small_graph, title="Oppenheimer")


def test_page_shows_entities_relations_and_legend(page):
    for label in ("Christopher Nolan", "Cillian Murphy", "Oppenheimer", "New Mexico", "Universal Pictures"):
        assert label in page
    assert '"label": "directs"' in page and '"label": "actsIn"' in page
    header = re.search(r"<header.*?</header>", page, re.S).group(0)
    for cls in ("Person", "Film", "Location", "Organization"):
        assert cls in header
    assert "Platform" not in header and "Franchise" not in header  # only classes present
    assert "5 entities, 4 relations" in header


def test_network_nodes_edges_and_tooltips(small_graph):
    net = build_network(small_graph)
    assert [n["id"] for n in net.nodes] == sorted(n["id"] for n in net.nodes)
    assert len(net.nodes) == 5
    assert {e["label"] for e in net.edges} == {"directs", "actsIn", "filmsIn", "producedBy"}
    assert all(e["arrows"] == "to" for e in net.edges)
    by_id = {n["id"]: n for n in net.nodes}
    nolan = by_id[str(ID["person/christopher-nolan"])]
    assert nolan["title"] == "Person: Christopher Nolan\nalso: Nolan\nevidence: 1"
    film = by_id[str(ID["film/oppenheimer"])]
    assert "released: 2023-07-21" in film["title"] and "evidence: 5" in film["title"]
    colour, shape, _ = STYLE["Film"]
    assert (film["color"], film["shape"]) == (colour, shape)
    assert film["size"] > nolan["size"]  # degree 4 against 1
    assert len({shape for _, shape, _ in STYLE.values()}) == len({c for c, _, _ in STYLE.values()}) == 6


def test_page_is_self_contained(page, tmp_path, monkeypatch, capsys):
    assert REMOTE.search('<link href="https://cdn.example/x.css">')  # the check can fire
    assert REMOTE.search("@import url('//cdn.example/x.css');")
    assert not REMOTE.search(page)
    assert "bootstrap" not in page
    assert "new vis.Network(" in page and "vis-tooltip" in page  # vis-network inlined
    assert len(page.encode()) > 300_000
    assert "stabilizationIterationsDone" in page and '"smooth": false' in page
    monkeypatch.chdir(tmp_path)
    render_html(new_graph())
    assert list(tmp_path.iterdir()) == []  # pyvis copied nothing into the working directory
    assert capsys.readouterr().out == ""


def test_article_text_stays_data():
    plain = render_html(new_graph())
    page = render_html(_evil_graph(), title="<b>bold</b> & co")
    assert "</script><script>alert(1)" not in page
    assert "<img src=x onerror" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page
    assert page.count("</script>") == plain.count("</script>")
    assert "popup.innerHTML" not in page  # pyvis's HTML popup (triggered by "href") stays off
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in page and "<b>bold</b>" not in page
    labels = {n["label"]: n["title"] for n in _nodes_json(page)}
    assert set(labels) == {SCRIPT_BREAK, IMG, QUOTES, LINK}  # round-trips exactly
    assert labels[QUOTES] == f"Organization: {QUOTES}\nalso: {QUOTES} alt\nevidence: 0"


def test_write_html_is_atomic(small_graph, tmp_path):
    target = tmp_path / "graph.html"
    write_html(small_graph, target, title="Oppenheimer")
    assert target.read_text(encoding="utf-8") == render_html(small_graph, title="Oppenheimer")
    write_html(small_graph, target)  # replaces an existing file
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_render_is_deterministic(small_graph):
    reread = Graph().parse(data=small_graph.serialize(format="nt"), format="nt")
    assert render_html(small_graph) == render_html(small_graph) == render_html(reread)
