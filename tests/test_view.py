"""What the HTML view shows, without a browser: the projection, name search, selections,
the layout and the ``kg view`` command."""
from __future__ import annotations

import json
import re

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kg.cli import main
from kg.errors import InputError
from kg.layout import layout
from kg.ontology import ID, KG, new_graph
from kg.view import find_entities, read_view, select

NOLAN, CILLIAN = str(ID["person/christopher-nolan"]), str(ID["person/cillian-murphy"])
FILM, PLACE, STUDIO = str(ID["film/oppenheimer"]), str(ID["location/new-mexico"]), str(ID["organization/universal-pictures"])


def _chain(length: int):
    """Films and people in a chain: p0 -> f0 <- p1 -> f1 <- p2 ..., plus one lone place."""
    g = new_graph()
    for n in range(length):
        person, film = ID[f"person/p{n}"], ID[f"film/f{n}"]
        for node, cls, label in ((person, KG.Person, f"Person {n}"), (film, KG.Film, f"Film {n}")):
            g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(label)))
        g.add((person, KG.actsIn, film))
        if n:
            g.add((person, KG.directs, ID[f"film/f{n - 1}"]))
    g.add((ID["location/alone"], RDF.type, KG.Location))
    g.add((ID["location/alone"], RDFS.label, Literal("Alone")))
    return g


def test_read_view_projects_entities_facts_and_articles(small_graph):
    view = read_view(small_graph)
    assert list(view.entities) == sorted(view.entities) and len(view.entities) == 5
    nolan = view.entities[NOLAN]
    assert (nolan.cls, nolan.label, nolan.names) == ("Person", "Christopher Nolan", ("Christopher Nolan", "Nolan"))
    assert nolan.mentions == ("https://example.org/kg/article/oppenheimer-txt",)
    assert {(f.subject, f.relation, f.obj) for f in view.relations} == {
        (NOLAN, "directs", FILM), (CILLIAN, "actsIn", FILM), (FILM, "filmsIn", PLACE), (FILM, "producedBy", STUDIO)}
    released = [f for f in view.facts if f.literal]
    assert [(f.relation, f.obj) for f in released] == [("releasedOn", "2023-07-21")]
    fact = next(f for f in view.facts if f.relation == "directs")
    assert fact.confidence == 0.9 and len(fact.evidence) == 1
    ev = fact.evidence[0]
    assert ev.sentence.startswith("Christopher Nolan directs") and ev.extractor == "roles" and ev.start == 0
    article = view.articles["https://example.org/kg/article/oppenheimer-txt"]
    assert (article.identifier, article.date, article.title) == ("oppenheimer.txt", "2022-03-01", None)
    assert (view.total_entities, view.total_relations, view.left_out) == (5, 4, 0)
    assert view.network().degree[FILM] == 4


def test_find_entities_by_any_name_ignoring_case(small_graph):
    view = read_view(small_graph)
    assert find_entities(view, "nolan") == [NOLAN]  # an alternative name, exactly
    assert find_entities(view, "  OPPENHEIMER ") == [FILM]
    assert find_entities(view, "murph") == [CILLIAN]  # part of a name
    assert find_entities(view, "n")[0] == FILM  # several: the most connected first
    with pytest.raises(InputError, match=r"no entity named 'Cilian Murphy'; closest: Cillian Murphy"):
        find_entities(view, "Cilian Murphy")


def test_focus_keeps_the_neighbourhood_to_the_depth_asked():
    view = read_view(_chain(5))
    one = select(view, focus="Film 2", depth=1)
    assert {e.label for e in one.entities.values()} == {"Film 2", "Person 2", "Person 3"}
    assert one.focus == str(ID["film/f2"])
    assert {(f.subject, f.obj) for f in one.relations} <= {(s, o) for s in one.entities for o in one.entities}
    two = select(view, focus="film 2", depth=2)
    assert {e.label for e in two.entities.values()} == {"Film 2", "Person 2", "Person 3", "Film 1", "Film 3"}
    assert two.left_out == 11 - 5
    assert two.notes == ["focus on Film 2, depth 2: 6 entities further away left out"]
    assert len(view.entities) == 11  # the input is not changed


def test_classes_and_max_nodes_and_their_notes():
    view = read_view(_chain(5))
    films = select(view, classes=["film"])
    assert {e.cls for e in films.entities.values()} == {"Film"} and not films.relations
    assert films.notes == ["classes Film: 6 entities of other classes left out"]
    top = select(view, max_nodes=3)
    assert len(top.entities) == 3 and top.left_out == 8
    degree = view.network().degree
    assert min(degree[i] for i in top.entities) >= max(degree[i] for i in view.entities if i not in top.entities)
    assert top.notes == ["max-nodes 3: 8 less connected entities left out"]
    near = select(view, focus="Person 0", depth=2, max_nodes=2)  # the focus first, then the nearest
    assert {e.label for e in near.entities.values()} == {"Person 0", "Film 0"}
    for bad in ({"classes": ["Movie"]}, {"depth": 0, "focus": "Film 1"}, {"max_nodes": 0}):
        with pytest.raises(InputError):
            select(view, **bad)
    with pytest.raises(InputError, match="unknown class 'Movie'; available: Person, Film"):
        select(view, classes=["Movie"])


def test_focus_on_an_entity_of_a_class_left_out_keeps_it():
    view = read_view(_chain(3))
    only_people = select(view, classes=["Person"], focus="Film 1", depth=1)
    assert {e.label for e in only_people.entities.values()} == {"Film 1", "Person 1", "Person 2"}


def test_layout_is_deterministic_and_sets_unlinked_nodes_out_below():
    nodes = [f"n{i}" for i in range(60)]
    links = [(f"n{i}", f"n{i // 5}") for i in range(1, 40)] + [("n41", "n42"), ("n41", "missing"), ("n43", "n43")]
    first = layout(nodes, links)
    assert first == layout(nodes, list(reversed(links)))
    assert set(first) == set(nodes)
    linked = {n for link in links[:-2] for n in link}
    lowest_linked = max(first[n][1] for n in linked)
    assert all(first[n][1] > lowest_linked for n in nodes if n not in linked)
    points = sorted(first[n] for n in linked)
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for i, a in enumerate(points) for b in points[i + 1:])
    assert closest > 20  # pixels: no two linked nodes on top of each other
    assert layout([], []) == {} and layout(["a"], []) == {"a": (0.0, 0.0)}


def test_kg_view_writes_the_page_with_the_selection(small_graph_file, tmp_path, capsys):
    out = tmp_path / "view.html"
    code = main(["view", "--graph", str(small_graph_file), "--out", str(out), "--focus", "nolan", "--depth", "1"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert str(out) in captured.out
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert {n["label"] for n in data["nodes"]} == {"Christopher Nolan", "Oppenheimer"}
    assert data["meta"]["focus"] == NOLAN and data["meta"]["leftOut"] == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left

    code = main(["view", "--graph", str(small_graph_file), "--out", str(out), "--classes", "Person,Film", "--max-nodes", "2"])
    assert code == 0
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S).group(1))
    assert [n["label"] for n in data["nodes"]] == ["Christopher Nolan", "Oppenheimer"]  # ties: by name
    assert any("max-nodes 2" in note for note in data["meta"]["notes"])

    code = main(["view", "--graph", str(small_graph_file), "--out", str(out), "--focus", "Nobody"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "no entity named 'Nobody'" in err
