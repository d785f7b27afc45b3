"""kg.evaluate and `kg eval`: the matching of the scoring contract, on hand-made graphs."""
from __future__ import annotations

import dataclasses
import importlib.util
import json
import random
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.cli import main
from kg.errors import InputError
from kg.evaluate import Counts, GoldTriple, format_report, load_gold, score
from kg.names import key
from kg.ontology import ID, KG, SCHEMA, new_graph
from kg.outputs.rdf import write_graph

SCORE_PY = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

GOLD = [
    {
        "article": "a.txt",
        "entities": [
            {"label": "Tom Cruise", "type": "Person", "aliases": ["Cruise"]},
            {"label": "Christopher McQuarrie", "type": "Person", "aliases": ["McQuarrie"]},
            {"label": "Pénélope Cruz", "type": "Person"},
            {"label": "Mission: Impossible 7", "type": "Film", "aliases": ["Dead Reckoning"]},
            {"label": "Pinewood Studios", "type": "Location"},
            {"label": "Stranda", "type": "Location"},
            {"label": "Norway", "type": "Location"},
            {"label": "Paramount Pictures", "type": "Organization", "aliases": ["Paramount"], "optional": True},
            {"label": "Instagram", "type": "Platform"},
        ],
        "triples": [
            {"s": "Christopher McQuarrie", "p": "directs", "o": "Mission: Impossible 7"},
            {"s": "Tom Cruise", "p": "actsIn", "o": "Mission: Impossible 7"},
            {"s": "Pénélope Cruz", "p": "actsIn", "o": "Mission: Impossible 7"},
            {"s": "Mission: Impossible 7", "p": "releasedOn", "o": "2021-11-19", "literal": True},
            {"s": "Mission: Impossible 7", "p": "filmsIn", "o": "Stranda"},
            {"s": "Stranda", "p": "locatedIn", "o": "Norway", "optional": True},
            {"s": "Mission: Impossible 7", "p": "producedBy", "o": "Paramount Pictures", "optional": True},
            {"s": "Tom Cruise", "p": "postsOn", "o": "Instagram"},
        ],
    },
    {
        "article": "b.txt",
        "entities": [
            {"label": "Tom Cruise", "type": "Person", "aliases": ["TC"]},
            {"label": "Norway", "type": "Location", "optional": True},
            {"label": "Paramount Pictures", "type": "Organization", "optional": True},
        ],
        "triples": [{"s": "Tom Cruise", "p": "actsIn", "o": "Mission: Impossible 7"}],
    },
]


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(doc, ensure_ascii=False) for doc in GOLD) + "\n\n", encoding="utf-8")
    return path


@pytest.fixture
def gold(gold_file):
    return load_gold(gold_file)


def node(cls: str, slug: str) -> URIRef:
    return ID[f"{cls.lower()}/{slug}"]


def entity(graph, cls: str, slug: str, label: str | None, *alt: str) -> URIRef:
    iri = node(cls, slug)
    graph.add((iri, RDF.type, KG[cls]))
    if label is not None:
        graph.add((iri, RDFS.label, Literal(label)))
    for name in alt:
        graph.add((iri, SKOS.altLabel, Literal(name)))
    return iri


def perfect_graph():
    """Every gold entity once and every required gold triple."""
    g = new_graph()
    cruise = entity(g, "Person", "tom-cruise", "Tom Cruise", "Cruise")
    mcq = entity(g, "Person", "christopher-mcquarrie", "Christopher McQuarrie")
    cruz = entity(g, "Person", "penelope-cruz", "Pénélope Cruz")
    film = entity(g, "Film", "mi7", "Mission: Impossible 7")
    entity(g, "Location", "pinewood-studios", "Pinewood Studios")
    stranda = entity(g, "Location", "stranda", "Stranda")
    entity(g, "Location", "norway", "Norway")
    insta = entity(g, "Platform", "instagram", "Instagram")
    g.add((mcq, KG.directs, film))
    g.add((cruise, KG.actsIn, film))
    g.add((cruz, KG.actsIn, film))
    g.add((film, KG.releasedOn, Literal("2021-11-19", datatype=XSD.date)))
    g.add((film, KG.filmsIn, stranda))
    g.add((cruise, KG.postsOn, insta))
    return g


# the gold file


def test_load_gold_merges_articles(gold):
    assert gold.articles == 2
    assert list(gold.entities)[:2] == ["Tom Cruise", "Christopher McQuarrie"]
    assert gold.entities["Tom Cruise"].names == {"Tom Cruise", "Cruise", "TC"}
    assert gold.entities["Norway"].optional is False  # required in one article: required
    assert gold.entities["Paramount Pictures"].optional is True
    assert gold.triples[GoldTriple("Mission: Impossible 7", "releasedOn", "2021-11-19", True)] is False
    assert gold.triples[GoldTriple("Stranda", "locatedIn", "Norway", False)] is True
    assert len(gold.triples) == 8


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"entities": []}', "'triples' must be a list"),
        ('{"entities": [{"label": "X"}], "triples": []}', "non-empty string 'type'"),
        ('{"entities": [{"label": "X", "type": "Movie"}], "triples": []}', "unknown type 'Movie'"),
        ('{"entities": [{"label": "Tom Cruise", "type": "Film"}], "triples": []}', "'Tom Cruise' is Film here, Person before"),
        ('{"entities": [], "triples": [{"s": "A", "p": "direct", "o": "B"}]}', "unknown relation 'direct'"),
        ('{"entities": [{"label": "X", "type": "Film", "aliases": "Y"}], "triples": []}', "aliases of 'X'"),
    ],
)
def test_bad_gold_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"{path}:2: .*") as caught:
        load_gold(path)
    assert message in str(caught.value)


def test_missing_gold_file(tmp_path):
    with pytest.raises(InputError, match="no such gold file"):
        load_gold(tmp_path / "none.jsonl")


# matching


def test_perfect_graph_scores_one(gold):
    result = score(perfect_graph(), gold)
    assert result.entities == Counts(8, 0, 0) and result.relations == Counts(6, 0, 0)
    assert (result.entities.f1, result.relations.f1) == (1.0, 1.0)
    assert not (result.missed_entities or result.false_entities or result.missed_relations or result.false_relations)


def test_exact_and_alias_matches(gold):
    g = new_graph()
    entity(g, "Person", "tom-cruise", "Cruise")  # by an alias
    entity(g, "Person", "christopher-mcquarrie", "Chris McQ", "McQuarrie")  # by an altLabel alias
    g.add((node("Person", "x"), RDF.type, KG.Person))
    g.add((node("Person", "x"), SCHEMA.name, Literal("TC")))  # an alias from the other article, by schema:name
    result = score(g, gold)
    assert result.entities_by_class["Person"] == Counts(2, 1, 1)
    assert any("second node for 'Tom Cruise'" in f for f in result.false_entities)


@pytest.mark.parametrize(
    ("name", "gold_name"),
    [
        ("TOM CRUISE", "Tom Cruise"),  # case
        ("Penelope Cruz", "Pénélope Cruz"),  # accents
        ("the Pinewood Studios", "Pinewood Studios"),  # a leading "the"
        ("Mission Impossible 7", "Mission: Impossible 7"),  # punctuation
        ("  Mission:  Impossible-7 ", "Mission: Impossible 7"),  # white space
    ],
)
def test_normalisation(gold, name, gold_name):
    assert key(name) == key(gold_name)
    cls = gold.entities[gold_name].type
    g = new_graph()
    entity(g, cls, "n", name)
    result = score(g, gold)
    assert result.entities_by_class[cls].tp == 1 and result.entities.fp == 0


def test_the_is_dropped_only_at_the_start():
    assert key("The Bear") == key("Bear") and key("Bear the Bear") != key("Bear Bear")
    assert key("Fast & Furious") == key("fast and furious")


def test_class_must_match(gold):
    g = new_graph()
    entity(g, "Location", "tom-cruise", "Tom Cruise")
    result = score(g, gold)
    assert result.entities_by_class["Location"].fp == 1
    assert result.entities_by_class["Person"].fn == 3


def test_second_node_is_a_false_hit_and_the_exact_one_is_kept(gold):
    g = perfect_graph()
    entity(g, "Person", "a-cruise", "Cruise")  # sorts before tom-cruise, but is not named exactly
    result = score(g, gold)
    assert result.entities == Counts(8, 1, 0)
    assert result.entities_by_class["Person"] == Counts(3, 1, 0)
    assert result.false_entities == (f"Person 'Cruise' ({node('Person', 'a-cruise')}) is a second node for 'Tom Cruise'",)
    g.add((node("Person", "a-cruise"), KG.actsIn, node("Film", "mi7")))  # its relations are the entity's
    assert score(g, gold).relations == Counts(6, 0, 0)


def test_optional_entity_and_triple_count_neither_way(gold):
    g = perfect_graph()
    studio = entity(g, "Organization", "paramount", "Paramount")
    g.add((node("Film", "mi7"), KG.producedBy, studio))
    g.add((node("Location", "stranda"), KG.locatedIn, node("Location", "norway")))
    result = score(g, gold)
    assert result.entities == Counts(8, 0, 0) and result.relations == Counts(6, 0, 0)
    assert "Organization" not in result.entities_by_class
    entity(g, "Organization", "paramount-pictures", "Paramount Pictures")  # a second node still is false
    assert score(g, gold).entities_by_class["Organization"] == Counts(0, 1, 0)


def test_literal_date_matches_by_lexical_form(gold):
    g = perfect_graph()
    film = node("Film", "mi7")
    g.remove((film, KG.releasedOn, None))
    g.add((film, KG.releasedOn, Literal("2021-11-19")))  # a plain literal is the same lexical form
    assert score(g, gold).relations_by_name["releasedOn"] == Counts(1, 0, 0)
    g.remove((film, KG.releasedOn, None))
    g.add((film, KG.releasedOn, Literal("2021-11", datatype=XSD.gYearMonth)))
    result = score(g, gold)
    assert result.relations_by_name["releasedOn"] == Counts(0, 1, 1)
    assert "'Mission: Impossible 7' releasedOn '2021-11'" in result.false_relations
    assert "'Mission: Impossible 7' releasedOn '2021-11-19'" in result.missed_relations


def test_relation_to_a_non_gold_entity_is_false(gold):
    g = perfect_graph()
    top_gun = entity(g, "Film", "top-gun", "Top Gun")
    g.add((node("Person", "tom-cruise"), KG.actsIn, top_gun))
    g.add((node("Person", "nobody"), KG.directs, node("Film", "mi7")))  # an untyped subject
    result = score(g, gold)
    assert result.relations_by_name["actsIn"] == Counts(2, 1, 0)
    assert result.relations_by_name["directs"] == Counts(1, 1, 0)
    assert "'Tom Cruise' actsIn 'Top Gun' (an end is no gold entity)" in result.false_relations
    assert result.entities_by_class["Film"] == Counts(1, 1, 0)


def test_per_relation_counts(gold):
    g = perfect_graph()
    g.remove((node("Person", "penelope-cruz"), KG.actsIn, None))
    g.remove((node("Person", "christopher-mcquarrie"), KG.directs, None))
    g.add((node("Person", "christopher-mcquarrie"), KG.worksOn, node("Film", "mi7")))  # not "directs"
    g.add((node("Person", "tom-cruise"), KG.directs, node("Film", "mi7")))
    result = score(g, gold)
    assert {name: (c.tp, c.fp, c.fn) for name, c in result.relations_by_name.items()} == {
        "actsIn": (1, 0, 1), "directs": (0, 1, 1), "filmsIn": (1, 0, 0),
        "postsOn": (1, 0, 0), "releasedOn": (1, 0, 0), "worksOn": (0, 1, 0),
    }
    assert result.relations == Counts(4, 2, 2)
    assert (result.relations.precision, result.relations.recall, result.relations.f1) == (0.6667, 0.6667, 0.6667)


def test_a_dataset_is_read_as_the_union_of_its_graphs(gold):
    ds = Dataset()
    for n, triple in enumerate(sorted(perfect_graph())):
        ds.graph(URIRef(f"urn:g{n % 3}")).add(triple)
    assert score(ds, gold) == score(perfect_graph(), gold)


def test_score_is_frozen(gold):
    with pytest.raises(dataclasses.FrozenInstanceError):
        score(perfect_graph(), gold).entities = Counts()


# the report


def test_report(gold):
    g = perfect_graph()
    g.remove((node("Person", "penelope-cruz"), KG.actsIn, None))
    result = score(g, gold)
    text = format_report(result)
    lines = text.splitlines()
    assert lines[0].split()[:4] == ["entities", "P", "R", "F1"]
    assert "  actsIn         1.00   0.50   0.67  1 0 1" in lines
    assert "missed relations:" in lines and "  'Pénélope Cruz' actsIn 'Mission: Impossible 7'" in lines
    assert lines[-1] == "entity P/R/F1 1.00/1.00/1.00  relation P/R/F1 1.00/0.83/0.91"
    short = format_report(result, misses=False)
    assert "missed relations:" not in short and short.splitlines()[-1] == lines[-1]
    assert json.loads(json.dumps(result.as_dict()))["relations"]["recall"] == 0.8333


# agreement with the reference scorer


def random_graph(gold, seed: int):
    """Nodes named by gold names, twisted names and noise, with random relations."""
    rng = random.Random(seed)
    names = [(n, e.type) for e in gold.entities.values() for n in sorted(e.names)]
    names += [("Top Gun", "Film"), ("Oslo", "Location"), ("Nobody", "Person"), ("Netflix", "Organization")]
    classes = ["Person", "Film", "Franchise", "Location", "Organization", "Platform"]
    relations = ["directs", "actsIn", "worksOn", "filmsIn", "locatedIn", "postsOn", "producedBy", "releasedOn"]
    g = new_graph()
    nodes = []
    for n in range(rng.randint(0, 18)):
        name, cls = rng.choice(names)
        name = rng.choice([name, name, name, name.upper(), "the " + name, name.replace(" ", "-"), name + " 2"])
        cls = cls if rng.random() < 0.85 else rng.choice(classes)
        alt = [rng.choice(names)[0]] if rng.random() < 0.3 else []
        nodes.append(entity(g, cls, f"n{n}", name if rng.random() < 0.9 else None, *alt))
    by_name = {}
    for iri in nodes:
        for name in g.objects(iri, RDFS.label):
            by_name.setdefault(key(str(name)), []).append(iri)
    for _ in range(rng.randint(0, 25)) if nodes else ():
        t = rng.choice(sorted(gold.triples))
        if rng.random() < 0.6 and key(t.s) in by_name and (t.literal or key(t.o) in by_name):
            o = Literal(t.o, datatype=XSD.date) if t.literal else rng.choice(by_name[key(t.o)])
            g.add((rng.choice(by_name[key(t.s)]), KG[t.p], o))  # a gold triple, maybe between the wrong nodes
            continue
        rel = rng.choice(relations)
        o = rng.choice([Literal("2021-11-19", datatype=XSD.date), Literal("2021-11", datatype=XSD.gYearMonth)])
        g.add((rng.choice(nodes), KG[rel], o if rel == "releasedOn" else rng.choice(nodes)))
    return g


@pytest.fixture(scope="module")
def reference():
    if not SCORE_PY.is_file():
        pytest.skip(f"{SCORE_PY} not found")
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def graphs(gold):
    yield "perfect", perfect_graph()
    yield "empty", new_graph()
    g = perfect_graph()
    entity(g, "Person", "a-cruise", "Cruise")
    entity(g, "Person", "tc", "TC")
    entity(g, "Location", "tom-cruise", "Tom Cruise")
    g.add((node("Person", "tc"), KG.postsOn, node("Platform", "instagram")))
    g.add((node("Film", "mi7"), KG.releasedOn, Literal("2021-11", datatype=XSD.gYearMonth)))
    g.add((node("Film", "mi7"), KG.producedBy, entity(g, "Organization", "paramount", "Paramount")))
    yield "duplicates", g
    for seed in range(40):
        yield f"random{seed}", random_graph(gold, seed)


def test_totals_agree_with_score_py(reference, gold, gold_file):
    ref_entities, ref_triples = reference.load_gold(gold_file)
    for name, graph in graphs(gold):
        ours = score(graph, gold).as_dict()
        theirs = reference.score(graph, ref_entities, ref_triples)
        for part in ("entities", "relations", "entities_by_class", "relations_by_name"):
            assert ours[part] == theirs[part], (name, part)
        for part in ("missed_entities", "false_entities", "missed_relations", "false_relations"):
            assert sorted(ours[part]) == sorted(theirs[part]), (name, part)
        assert format_report(score(graph, gold)).splitlines()[-1] == reference.report(theirs).splitlines()[-1]


# kg eval


def test_kg_eval(tmp_path, gold_file, capsys):
    graph = tmp_path / "graph.ttl"
    perfect_graph().serialize(graph, format="turtle")
    assert main(["eval", str(graph), str(gold_file)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "entity P/R/F1 1.00/1.00/1.00  relation P/R/F1 1.00/1.00/1.00"
    assert main(["eval", str(graph), str(gold_file), "--min-entity-f1", "1.1"]) == 1
    assert "entity F1 1.0000 is below 1.1" in capsys.readouterr().err
    assert main(["eval", str(graph), str(gold_file), "--min-entity-f1", "1", "--min-relation-f1", "0.5"]) == 0
    capsys.readouterr()
    assert main(["eval", str(graph), str(gold_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["relations"]["tp"] == 6


def test_kg_eval_lists_misses_unless_told(tmp_path, gold_file, capsys):
    graph = tmp_path / "graph.nt"
    g = perfect_graph()
    g.remove((node("Person", "penelope-cruz"), None, None))
    write_graph(g, graph)
    assert main(["eval", str(graph), str(gold_file)]) == 0
    assert "  Person 'Pénélope Cruz'" in capsys.readouterr().out.splitlines()
    assert main(["eval", str(graph), str(gold_file), "--no-misses"]) == 0
    assert "missed entities:" not in capsys.readouterr().out


def test_kg_eval_bad_input(tmp_path, gold_file, capsys):
    graph = tmp_path / "graph.ttl"
    perfect_graph().serialize(graph, format="turtle")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"entities": [], "triples": []}\n{oops\n', encoding="utf-8")
    assert main(["eval", str(graph), str(bad)]) == 1
    assert f"kg eval: {bad}:2: not valid JSON" in capsys.readouterr().err
    assert main(["eval", str(tmp_path / "none.ttl"), str(gold_file)]) == 1
    assert "no such file" in capsys.readouterr().err
