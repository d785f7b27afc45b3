"""The offline HTML page without a browser: its data, self-containment, escaping, atomic
writes and determinism (tests/test_html_browser.py drives it in Chromium)."""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import InputError
from kg.ontology import ID, KG, new_graph
from kg.outputs.html import STYLE, page_data, render_html, write_html
from kg.view import read_view

# a remote URL in a src=/href= attribute or an @import (with or without url(...))
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|@import\s*(?:url\()?\s*["']?)\s*(?:https?:)?//""", re.I)
SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTES = 'Tom "The \\ Man"\nO\'Neil'
LINK = '<a href="javascript:alert(1)">click</a> href=https://cdn.example/x.js'
DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def _data(page: str) -> dict:
    match = DATA.search(page)
    assert match, "page data not found"
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
    return render_html(small_graph, title="Oppenheimer", built="2024-01-02 03:04")


def test_page_data_holds_entities_relations_evidence_and_articles(small_graph):
    data = page_data(read_view(small_graph), title="t", built="b")
    assert [c["name"] for c in data["classes"]] == ["Person", "Film", "Location", "Organization"]  # only present
    assert all((c["color"], c["shape"]) == STYLE[c["name"]][:2] for c in data["classes"])
    assert len({shape for _, shape, _ in STYLE.values()}) == len({c for c, _, _ in STYLE.values()}) == 6
    nodes = {n["label"]: n for n in data["nodes"]}
    assert set(nodes) == {"Christopher Nolan", "Cillian Murphy", "Oppenheimer", "New Mexico", "Universal Pictures"}
    assert nodes["Christopher Nolan"]["names"] == ["Christopher Nolan", "Nolan"]
    assert nodes["Oppenheimer"]["d"] == 4 and nodes["Christopher Nolan"]["d"] == 1
    assert nodes["Oppenheimer"]["a"] == [0] and data["articles"][0]["file"] == "oppenheimer.txt"
    assert {(e["rel"], e["conf"]) for e in data["edges"]} == {
        ("directs", 0.9), ("actsIn", 0.9), ("filmsIn", 0.9), ("producedBy", 0.9)}
    assert data["relations"] == ["directs", "actsIn", "producedBy", "filmsIn"]  # ontology order
    edge = next(e for e in data["edges"] if e["rel"] == "directs")
    [[article, sentence, confidence, extractor]] = edge["ev"]
    assert (article, confidence, extractor) == (0, 0.9, "roles")
    assert data["sentences"][sentence].startswith("Christopher Nolan directs Oppenheimer")
    assert len(data["sentences"]) == 1  # each sentence once
    assert data["literals"] == [{"node": str(ID["film/oppenheimer"]), "rel": "releasedOn", "value": "2023-07-21",
                                 "conf": 0.9, "ev": [[0, 0, 0.9, "roles"]]}]
    assert data["meta"]["counts"] == {"entities": 5, "relations": 4, "dates": 1, "articles": 1, "evidence": 5}
    assert data["meta"]["leftOut"] == 0 and data["meta"]["built"] == "b"
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == 5  # laid out in Python: five different places


def test_page_shows_title_and_build_date_and_carries_the_network(page):
    assert "<title>Oppenheimer</title>" in page and '<h1 id="kg-title">Oppenheimer</h1>' in page
    data = _data(page)
    assert data["meta"]["title"] == "Oppenheimer" and data["meta"]["built"] == "2024-01-02 03:04"
    for element in ("kg-search", "kg-classes", "kg-relations", "kg-confidence", "kg-depth", "kg-panel", "kg-articles"):
        assert f'id="{element}"' in page


def test_page_is_self_contained_and_allows_only_its_own_scripts(page, tmp_path, monkeypatch, capsys):
    assert REMOTE.search('<link href="https://cdn.example/x.css">')  # the check can fire
    assert REMOTE.search("@import url('//cdn.example/x.css');")
    assert not REMOTE.search(page)
    assert "bootstrap" not in page and "@font-face" not in page
    assert "new vis.Network(" in page and ".vis-network" in page  # vis-network and its CSS inlined
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in csp and "connect-src" not in csp  # so no connection at all
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    monkeypatch.chdir(tmp_path)
    render_html(new_graph())
    assert list(tmp_path.iterdir()) == []  # nothing copied into the working directory
    assert capsys.readouterr().out == ""


def test_article_text_stays_data():
    plain = render_html(new_graph(), built="x")
    page = render_html(_evil_graph(), title="<b>bold</b> & co", built="x")
    assert "</script><script>alert(1)" not in page
    assert "<img src=x onerror" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page
    assert page.count("</script>") == plain.count("</script>")
    assert page.count("<script") == plain.count("<script")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in page and "<b>bold</b>" not in page
    assert not REMOTE.search(page)  # "href=https://" in a name is no remote address either
    data = _data(page)
    assert {n["label"] for n in data["nodes"]} == {SCRIPT_BREAK, IMG, QUOTES, LINK}  # round-trips exactly
    assert data["meta"]["title"] == "<b>bold</b> & co"
    quotes = next(n for n in data["nodes"] if n["label"] == QUOTES)
    assert quotes["names"] == [QUOTES, QUOTES + " alt"]
    script = re.findall(r"<script>(.*?)</script>", page, re.S)[1]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script


def test_selection_options_reach_the_page(small_graph):
    data = _data(render_html(small_graph, focus="Cillian Murphy", depth=1, built="x"))
    assert {n["label"] for n in data["nodes"]} == {"Cillian Murphy", "Oppenheimer"}
    assert data["meta"]["leftOut"] == 3 and data["meta"]["total"]["entities"] == 5
    assert data["meta"]["notes"] == ["focus on Cillian Murphy, depth 1: 3 entities further away left out"]
    data = _data(render_html(small_graph, max_nodes=1, built="x"))
    assert [n["label"] for n in data["nodes"]] == ["Oppenheimer"] and data["meta"]["leftOut"] == 4
    data = _data(render_html(small_graph, classes=["Person"], built="x"))
    assert {n["label"] for n in data["nodes"]} == {"Christopher Nolan", "Cillian Murphy"} and data["edges"] == []
    with pytest.raises(InputError):
        render_html(small_graph, focus="nobody at all")


def test_write_html_is_atomic(small_graph, tmp_path):
    target = tmp_path / "graph.html"
    write_html(small_graph, target, title="Oppenheimer", built="b")
    assert target.read_text(encoding="utf-8") == render_html(small_graph, title="Oppenheimer", built="b")
    write_html(small_graph, target)  # replaces an existing file
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
    assert re.search(r'"built":"\d{4}-\d\d-\d\d \d\d:\d\d"', target.read_text(encoding="utf-8"))


def test_render_is_deterministic(small_graph):
    reread = Graph().parse(data=small_graph.serialize(format="nt"), format="nt")
    first = render_html(small_graph, built="b")
    assert first == render_html(small_graph, built="b") == render_html(reread, built="b")
