"""kg.outputs.rdf: every export format, deterministic Turtle, atomic writes, loading."""
from __future__ import annotations

import random

import networkx as nx
import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from kg.errors import ConfigError, InputError
from kg.ontology import ID, KG, new_graph
from kg.outputs.rdf import FORMATS, load_graph, serialize, write_graph

RDF_FORMATS = ["ttl", "nt", "nq", "trig", "jsonld"]
HOSTILE = [
    'a "quoted" word', "'single' and \"\"\"triple\"\"\" quotes", "ends with a quote\"",
    "<b>not a tag</b> & <http://x>", "line one\nline two\r\nthree\ttabbed",
    "back\\slash and a trailing one\\", "\\u0041 is not an escape", "emoji 🎬🍿 and 日本語",
    "  leading and trailing spaces  ", "", "@prefix x: <y> .", "# not a comment",
]


def hostile_graph():
    graph = new_graph()
    film = ID["film/hostile"]
    for n, text in enumerate(HOSTILE):
        graph.add((film, KG.sentence, Literal(text)))
        graph.add((film, RDFS.label, Literal(text, lang="en")))
        graph.add((ID[f"person/p{n}"], RDFS.label, Literal(text)))
    return graph


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_round_trip(tmp_path, small_graph, fmt):
    path = tmp_path / f"graph{FORMATS[fmt][1]}"
    write_graph(small_graph, path)
    assert isomorphic(load_graph(path), small_graph)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_hostile_literals_round_trip(tmp_path, fmt):
    graph = hostile_graph()
    path = tmp_path / f"graph{FORMATS[fmt][1]}"
    write_graph(graph, path, fmt)
    assert isomorphic(load_graph(path), graph)


@pytest.mark.parametrize("fmt", RDF_FORMATS + ["graphml"])
def test_every_format_is_deterministic_across_insertion_orders(small_graph, fmt):
    triples = list(small_graph)
    texts = set()
    for seed in range(3):
        random.Random(seed).shuffle(triples)
        graph = new_graph()
        for triple in triples:
            graph.add(triple)
        texts.add(serialize(graph, fmt))
    assert len(texts) == 1


def test_turtle_is_deterministic_for_value_equal_literals():
    film = ID["film/x"]
    one, other = Literal("1", datatype=XSD.integer), Literal("01", datatype=XSD.integer)
    first, second = new_graph(), new_graph()
    for graph, literals in ((first, (one, other)), (second, (other, one))):
        for literal in literals:
            graph.add((film, KG.sentence, literal))
    assert serialize(first, "ttl") == serialize(second, "ttl")


def test_turtle_uses_the_project_prefixes(small_graph):
    text = serialize(small_graph, "ttl")
    assert "@prefix kg: <https://example.org/kg/ontology#> ." in text
    assert "@prefix evidence: <https://example.org/kg/evidence/> ." in text


def test_nt_lines_are_sorted(small_graph):
    lines = serialize(small_graph, "nt").splitlines()
    assert lines == sorted(lines) and len(lines) == len(small_graph)


def test_jsonld_has_the_project_prefixes_as_context(small_graph):
    text = serialize(small_graph, "jsonld")
    assert '"kg": "https://example.org/kg/ontology#"' in text
    assert '"evidence:e0"' in text


def test_graphml(tmp_path, small_graph):
    path = tmp_path / "graph.graphml"
    write_graph(small_graph, path)
    network = nx.read_graphml(path)
    film, nolan = str(ID["film/oppenheimer"]), str(ID["person/christopher-nolan"])
    assert network.number_of_nodes() == 5
    assert network.nodes[film] == {"label": "Oppenheimer", "class": "Film", "releasedOn": "2023-07-21"}
    assert network.nodes[nolan]["class"] == "Person"
    relations = sorted(data["relation"] for _, _, data in network.edges(data=True))
    assert relations == ["actsIn", "directs", "filmsIn", "producedBy"]
    assert network.has_edge(nolan, film)


def test_write_graph_leaves_no_temporary_file(tmp_path, small_graph):
    write_graph(small_graph, tmp_path / "out" / "graph.ttl")
    write_graph(small_graph, tmp_path / "out" / "graph.ttl")
    assert [p.name for p in tmp_path.rglob("*")] == ["out", "graph.ttl"]


def test_write_graph_unknown_format_leaves_the_file_alone(tmp_path, small_graph):
    path = tmp_path / "graph.ttl"
    path.write_text("old")
    with pytest.raises(ConfigError, match="ttl, nt, nq, trig, jsonld, graphml"):
        write_graph(small_graph, path, "rdfxml")
    with pytest.raises(ConfigError, match=r"\.ttl"):
        write_graph(small_graph, tmp_path / "graph.txt")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_write_graph_cleans_up_when_writing_fails(tmp_path, small_graph, monkeypatch):
    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr("kg.outputs.rdf.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_graph(small_graph, tmp_path / "graph.ttl")
    assert list(tmp_path.iterdir()) == []


def test_load_graph_binds_the_project_prefixes(small_graph_file):
    assert str(dict(load_graph(small_graph_file).namespaces())["id"]) == str(ID)


def test_load_graph_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"missing\.ttl: no such file \(run `kg build` first\?\)"):
        load_graph(tmp_path / "missing.ttl")


@pytest.mark.parametrize(("name", "text", "fmt"), [
    ("bad.ttl", "<a> <b> .\n", "Turtle"),
    ("bad.nt", "<a> <b> <c>\n", "N-Triples"),
    ("bad.nq", "<http://a> <http://b>\n", "N-Quads"),
    ("bad.jsonld", "{nope", "JSON-LD"),
])
def test_load_graph_bad_file(tmp_path, name, text, fmt):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError, match=f"{name}: not valid {fmt}: ") as caught:
        load_graph(path)
    assert "\n" not in str(caught.value)


def test_load_graph_bad_turtle_names_the_line(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b .\n")
    with pytest.raises(InputError, match=r"bad\.ttl: not valid Turtle: line 3: Bad syntax"):
        load_graph(path)


def test_load_graph_unknown_extension(tmp_path):
    path = tmp_path / "graph.csv"
    path.write_text("a,b")
    with pytest.raises(InputError, match=r"graph\.csv: .*\.ttl"):
        load_graph(path)
