"""The store: named graphs per article, incremental builds, removal, provenance (no trained model).

Articles are read by a toy extractor over a blank spaCy pipeline (``toy`` in conftest.py).
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.errors import InputError, QueryError, StoreError
from kg.graph import ENTITIES_GRAPH, to_graph, to_graphs
from kg.ontology import ARTICLE, ID, KG, SCHEMA
from kg.outputs.rdf import serialize, serialize_graphs
from kg.pipeline import build_store, remove_from_store
from kg.query import format_result, run_query
from kg.resolve import resolve
from kg.store import (
    DIGESTS_FILE, ArticleRecord, GraphStore, is_store, record_from_json, record_to_json,
)
from kg.validate import drop_violations, validate

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"


def build(toy, paths, store, **options):
    return build_store([str(p) for p in paths], store, toy.settings, nlp=toy.nlp, **options)


def graphs_of(store) -> dict[str, frozenset]:
    """Every named graph of a store as a set of triples, by name."""
    with GraphStore.open(store, read_only=True) as opened:
        return {str(name): frozenset(graph) for name, graph in opened.named_graphs().items()}


def union_of(store) -> Graph:
    with GraphStore.open(store, read_only=True) as opened:
        return opened.graph()


def article(name: str) -> str:
    return str(ARTICLE[name.replace("_", "-").replace(".", "-")])


@pytest.fixture
def abc(toy, toy_articles, tmp_path):
    """A store holding the three toy articles."""
    store = tmp_path / "store"
    build(toy, toy_articles.values(), store)
    return store


# --- records -------------------------------------------------------------------------------------

def test_records_round_trip_through_json():
    from test_graph import collider_facts, hostile_facts

    for facts in collider_facts() + hostile_facts():
        record = ArticleRecord(facts, "hash", "fingerprint", "/articles/x.txt")
        back = record_from_json(json.loads(json.dumps(record_to_json(record))))
        assert back.facts.article == replace(facts.article, text="")  # the text is not kept
        assert back.facts.mentions == facts.mentions
        assert back.facts.relations == facts.relations
        assert back.facts.meta == facts.meta
        assert (back.content_hash, back.fingerprint, back.file) == ("hash", "fingerprint", "/articles/x.txt")


# --- layout and named graphs ----------------------------------------------------------------------

def test_a_store_is_a_folder_with_the_quads_and_the_records(abc):
    assert is_store(abc)
    assert (abc / "oxigraph" / "CURRENT").is_file()
    lines = (abc / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"kg-store": 1, "min_confidence": 0.5, "strict": False}
    assert [json.loads(line)["id"] for line in lines[1:]] == sorted(
        ["a_barbie.txt", "b_oppenheimer.txt", "c_dune.txt"]
    )


def test_one_named_graph_per_article_and_one_of_labels(abc):
    graphs = graphs_of(abc)
    assert set(graphs) == {article("a_barbie.txt"), article("b_oppenheimer.txt"), article("c_dune.txt"), str(ENTITIES_GRAPH)}
    barbie = graphs[article("a_barbie.txt")]
    film, gerwig = ID["film/barbie"], ID["person/greta-gerwig"]
    assert (gerwig, KG.directs, film) in barbie
    assert (film, RDF.type, KG.Film) in barbie
    assert (URIRef(article("a_barbie.txt")), RDF.type, SCHEMA.NewsArticle) in barbie
    assert not any(p == RDFS.label for _, p, _ in barbie)  # labels live in the entities graph
    assert (film, RDFS.label, Literal("Barbie")) in graphs[str(ENTITIES_GRAPH)]
    # Warner Bros. is named by two articles: its type is in both graphs, its label once
    for name in ("a_barbie.txt", "c_dune.txt"):
        assert (ID["organization/warner-bros"], RDF.type, KG.Organization) in graphs[article(name)]


def test_the_store_holds_what_kg_build_makes_in_memory(toy, toy_articles, abc):
    from kg.pipeline import build as build_in_memory

    expected = build_in_memory([str(p) for p in toy_articles.values()], toy.settings, nlp=toy.nlp).graph
    assert isomorphic(union_of(abc), expected)


# --- incremental and deletion-safe -----------------------------------------------------------------

def test_building_twice_leaves_the_graph_unchanged(toy, toy_articles, abc):
    before = graphs_of(abc)
    calls = toy.extractor.calls
    result = build(toy, toy_articles.values(), abc)
    assert sorted(result.unchanged) == sorted(toy_articles) and not result.added and not result.changed
    assert toy.extractor.calls == calls  # unchanged articles are not parsed again
    assert result.changes.written == [] and result.changes.dropped == []
    assert graphs_of(abc) == before


def test_adding_an_article_changes_only_its_graph_and_what_it_newly_supports(toy, toy_articles, tmp_path):
    store = tmp_path / "store"
    build(toy, [toy_articles["a_barbie.txt"], toy_articles["b_oppenheimer.txt"]], store)
    before, union_before = graphs_of(store), union_of(store)

    result = build(toy, [toy_articles["c_dune.txt"]], store)
    assert result.added == ["c_dune.txt"] and result.stored == 3
    after = graphs_of(store)
    dune = article("c_dune.txt")
    assert set(after) == set(before) | {dune}
    for name in (article("a_barbie.txt"), article("b_oppenheimer.txt")):
        assert after[name] == before[name]  # the other articles' graphs are untouched
    labels_before, labels_after = before[str(ENTITIES_GRAPH)], after[str(ENTITIES_GRAPH)]
    assert labels_before <= labels_after
    supported_by_dune = {s for s, _, _ in after[dune]} | {o for _, _, o in after[dune]}
    assert {s for s, _, _ in labels_after - labels_before} <= supported_by_dune
    assert ID["person/denis-villeneuve"] in {s for s, _, _ in labels_after - labels_before}
    assert result.changes.written == sorted([dune, str(ENTITIES_GRAPH)])

    remove_from_store(["c_dune.txt"], store)
    assert graphs_of(store) == before
    assert isomorphic(union_of(store), union_before)


def test_removing_an_article_by_path_restores_the_graph_before_it(toy, toy_articles, tmp_path):
    store = tmp_path / "store"
    build(toy, [toy_articles["a_barbie.txt"], toy_articles["c_dune.txt"]], store)
    before = union_of(store)
    build(toy, [toy_articles["b_oppenheimer.txt"]], store)
    result = remove_from_store([str(toy_articles["b_oppenheimer.txt"])], store)
    assert result.removed == ["b_oppenheimer.txt"] and result.stored == 2
    assert isomorphic(union_of(store), before)


def default_is_union(store) -> Graph:
    """The store's default graph, checked to be exactly the union of its named graphs."""
    with GraphStore.open(store, read_only=True) as opened:
        union = set().union(*(set(graph) for graph in opened.named_graphs().values()))
        default = opened.graph()
    assert set(default) == union
    return default


def test_the_default_graph_is_the_union_with_each_triple_once(abc):
    warner = "SELECT ?o WHERE { ?o a kg:Organization }"  # typed in two article graphs
    default_is_union(abc)
    with GraphStore.open(abc, read_only=True) as store:
        assert len(list(store.query(warner))) == 1
    remove_from_store(["c_dune.txt"], abc)
    default_is_union(abc)
    with GraphStore.open(abc, read_only=True) as store:
        assert len(list(store.query(warner))) == 1
    remove_from_store(["a_barbie.txt"], abc)
    assert not list(default_is_union(abc).triples((None, RDF.type, KG.Organization)))


def test_an_entity_no_article_supports_disappears_with_its_labels(abc):
    nolan = ID["person/christopher-nolan"]
    assert any(nolan in triple for graph in graphs_of(abc).values() for triple in graph)
    remove_from_store(["b_oppenheimer.txt"], abc)
    assert not any(nolan in triple for graph in graphs_of(abc).values() for triple in graph)
    # Warner Bros. is still supported by the Dune article
    assert (ID["organization/warner-bros"], RDFS.label, Literal("Warner Bros")) in union_of(abc)
    remove_from_store(["c_dune.txt"], abc)
    assert (ID["organization/warner-bros"], RDFS.label, Literal("Warner Bros")) in union_of(abc)
    remove_from_store(["a_barbie.txt"], abc)
    assert graphs_of(abc) == {}


def test_removing_a_folder_removes_every_article_read_from_it(abc, toy_articles):
    result = remove_from_store([str(toy_articles["a_barbie.txt"].parent)], abc)
    assert sorted(result.removed) == sorted(toy_articles)
    assert len(union_of(abc)) == 0


def test_a_changed_article_replaces_exactly_its_own_facts(toy, toy_articles, abc):
    before = graphs_of(abc)
    toy_articles["b_oppenheimer.txt"].write_text(
        " date 2023-07-02 Christopher Nolan directs Oppenheimer. Oppenheimer films in London.", encoding="utf-8"
    )
    result = build(toy, [toy_articles["b_oppenheimer.txt"]], abc)
    assert result.changed == ["b_oppenheimer.txt"]
    after = graphs_of(abc)
    assert after[article("a_barbie.txt")] == before[article("a_barbie.txt")]
    assert after[article("c_dune.txt")] == before[article("c_dune.txt")]
    union = union_of(abc)
    assert (ID["person/cillian-murphy"], KG.actsIn, ID["film/oppenheimer"]) not in union
    assert not list(union.triples((ID["person/cillian-murphy"], None, None)))
    assert (ID["film/oppenheimer"], KG.filmsIn, ID["location/london"]) in union
    assert (ID["film/oppenheimer"], KG.filmsIn, ID["location/new-mexico"]) not in union


def test_same_inputs_in_any_order_give_the_same_graph(toy, toy_articles, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    build(toy, toy_articles.values(), one)
    for name in ("c_dune.txt", "a_barbie.txt", "b_oppenheimer.txt"):
        build(toy, [toy_articles[name]], two)
    assert graphs_of(one) == graphs_of(two)
    with GraphStore.open(one, read_only=True) as a, GraphStore.open(two, read_only=True) as b:
        for fmt in ("ttl", "trig", "nq"):
            assert a.export(fmt) == b.export(fmt)


def test_fresh_starts_from_an_empty_store(toy, toy_articles, abc):
    result = build(toy, [toy_articles["a_barbie.txt"]], abc, fresh=True)
    assert result.stored == 1
    assert set(graphs_of(abc)) == {article("a_barbie.txt"), str(ENTITIES_GRAPH)}


def test_a_build_that_reads_nothing_leaves_the_store_as_it_was(toy, abc, tmp_path):
    before = graphs_of(abc)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError, match="no readable articles"):
        build(toy, [empty], abc, fresh=True)
    assert graphs_of(abc) == before


def test_removing_an_unknown_article_fails_and_removes_nothing(abc):
    before = graphs_of(abc)
    with pytest.raises(InputError, match="nope.txt: no article with this id or path"):
        remove_from_store(["a_barbie.txt", "nope.txt"], abc)
    assert graphs_of(abc) == before


def test_min_confidence_and_strict_are_remembered(toy, toy_articles, abc):
    build(toy, [toy_articles["a_barbie.txt"]], abc, min_confidence=0.85, strict=True)
    union = union_of(abc)
    assert not list(union.triples((None, KG.directs, None)))  # relations are 0.8, mentions 0.9
    assert (ID["film/barbie"], RDF.type, KG.Film) in union
    remove_from_store(["c_dune.txt"], abc)
    with GraphStore.open(abc, read_only=True) as opened:
        assert (opened.settings.min_confidence, opened.settings.strict) == (0.85, True)
        assert not list(opened.graph().triples((None, KG.directs, None)))
    build(toy, [toy_articles["a_barbie.txt"]], abc, min_confidence=0.5)
    assert list(union_of(abc).triples((None, KG.directs, None)))


def test_a_store_changed_behind_its_back_is_repaired_by_the_next_build(toy, toy_articles, abc):
    import pyoxigraph as ox

    before = graphs_of(abc)
    union = union_of(abc)
    stray = (ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"), ox.Literal("stray"))
    with GraphStore.open(abc) as opened:  # as if a write had stopped half-way
        opened.database.add(ox.Quad(*stray, ox.NamedNode(article("a_barbie.txt"))))
        opened.database.add(ox.Quad(*stray))
    (abc / DIGESTS_FILE).unlink()
    result = build(toy, toy_articles.values(), abc)
    assert result.changes.written == [article("a_barbie.txt")]
    assert graphs_of(abc) == before
    assert isomorphic(default_is_union(abc), union)


def test_the_store_is_locked_while_a_writer_has_it(abc):
    with GraphStore.open(abc):
        with pytest.raises(StoreError, match="in use by another process"):
            GraphStore.open(abc)
        with GraphStore.open(abc, read_only=True) as reader:  # readers need no lock
            assert len(reader) > 0


def test_opening_what_is_no_store(tmp_path):
    with pytest.raises(InputError, match="no kg store here"):
        GraphStore.open(tmp_path / "missing", read_only=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not a kg store"):
        GraphStore.open(tmp_path / "other", create=True)


# --- reading: queries, listing, exports ----------------------------------------------------------------

def test_store_queries_see_the_union_and_the_named_graphs(abc):
    with GraphStore.open(abc, read_only=True) as store:
        rows = list(store.query("SELECT ?p ?f WHERE { ?p kg:directs ?f } ORDER BY ?p"))
        assert [(r.p, r.f) for r in rows] == [
            (ID["person/christopher-nolan"], ID["film/oppenheimer"]),
            (ID["person/denis-villeneuve"], ID["film/dune"]),
            (ID["person/greta-gerwig"], ID["film/barbie"]),
        ]
        rows = list(store.query("SELECT ?g WHERE { GRAPH ?g { ?s kg:producedBy <https://example.org/kg/id/organization/warner-bros> } } ORDER BY ?g"))
        assert [str(r.g) for r in rows] == [article("a_barbie.txt"), article("c_dune.txt")]
        assert store.query("ASK { ?f kg:filmsIn ?l ; rdfs:label 'Dune' . ?l rdfs:label 'Budapest' }").askAnswer
        graph = store.query("CONSTRUCT WHERE { ?p kg:directs ?f }").graph
        assert len(graph) == 3
        assert "id:person/greta-gerwig" in format_result(store.query("SELECT ?p WHERE { ?p kg:directs ?f . ?f rdfs:label 'Barbie' }"))


def test_store_query_errors_are_one_line(abc):
    from kg.errors import QueryError

    with GraphStore.open(abc, read_only=True) as store:
        with pytest.raises(QueryError, match=r"^SPARQL syntax error at line 1, column \d+: ") as info:
            store.query("SELECT ?x WHERE { ?x ")
        assert "\n" not in str(info.value)


def test_articles_listing(abc):
    with GraphStore.open(abc, read_only=True) as store:
        rows = [{str(k): str(v) for k, v in row.items()} for row in store.articles().bindings]
    assert [(r["id"], r["date"]) for r in rows] == [
        ("a_barbie.txt", "2023-07-01"), ("b_oppenheimer.txt", "2023-07-02"), ("c_dune.txt", "2024-02-01"),
    ]
    # Barbie: 4 entity types (Gerwig, Robbie, London, Warner) + the film's, and 4 relations
    assert rows[0]["facts"] == "9"
    assert rows[0]["file"].endswith("a_barbie.txt") and Path(rows[0]["file"]).is_absolute()


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_quad_exports_keep_the_named_graphs(abc, fmt):
    with GraphStore.open(abc, read_only=True) as store:
        text = store.export(fmt)
        expected = {str(name): graph for name, graph in store.named_graphs().items()}
    dataset = Dataset()
    dataset.parse(data=text, format={"trig": "trig", "nq": "nquads"}[fmt])
    found = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert set(found) == set(expected)
    for name, graph in expected.items():
        assert isomorphic(found[name], graph), name


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_triple_exports_are_the_union(abc, fmt):
    with GraphStore.open(abc, read_only=True) as store:
        text = store.export(fmt)
        union = store.graph()
    back = Graph().parse(data=text, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    assert isomorphic(back, union)
    if fmt == "ttl":
        assert text == serialize(union, "ttl")


def test_named_graph_exports_are_deterministic():
    from test_graph import collider_facts

    facts = collider_facts()
    forward = to_graphs(resolve(facts), [f.article for f in facts])
    backward = to_graphs(resolve(facts[::-1]), [f.article for f in facts[::-1]])
    for fmt in ("trig", "nq", "ttl"):
        assert serialize_graphs(forward, fmt) == serialize_graphs(backward, fmt)


def test_to_graph_is_the_union_of_to_graphs():
    from test_graph import collider_facts

    facts = collider_facts()
    resolution = resolve(facts)
    graphs = to_graphs(resolution, [f.article for f in facts])
    union = Graph()
    for graph in graphs.values():
        union += graph
    assert isomorphic(union, to_graph(resolution, [f.article for f in facts]))


# --- provenance queries ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_example_query_runs_on_the_store_and_on_a_graph_file(abc, path):
    text = path.read_text(encoding="utf-8")
    with GraphStore.open(abc, read_only=True) as store:
        from_store = store.query(text)
        graph = store.graph()
    if "GRAPH" in text:  # queries about named graphs need the store (or a TriG file)
        with pytest.raises(QueryError, match="named graphs"):
            run_query(graph, text)
        assert len(list(from_store)) > 0
    else:
        assert len(list(from_store)) == len(list(run_query(graph, text)))


def test_provenance_of_a_fact(abc):
    text = (QUERIES / "fact-provenance.rq").read_text(encoding="utf-8")
    text = text.replace('VALUES ?subjectLabel { "Christopher Nolan" }', 'VALUES ?subjectLabel { "Denis Villeneuve" }')
    with GraphStore.open(abc, read_only=True) as store:
        rows = list(store.query(text))
    directs = [r for r in rows if str(r.predicate) == "directs"]
    assert len(directs) == 1
    row = directs[0]
    assert str(row.object) == "Dune" and str(row.article) == "c_dune.txt"
    assert str(row.published) == "2024-02-01"
    assert str(row.sentence) == "Denis Villeneuve directs Dune."
    assert (int(row.start), int(row.end)) == (0, len("Denis Villeneuve directs Dune."))
    assert str(row.extractor) == "toy" and float(row.confidence) == 0.8


def test_facts_stated_by_several_articles(abc):
    text = (QUERIES / "corroborated-facts.rq").read_text(encoding="utf-8")
    with GraphStore.open(abc, read_only=True) as store:
        rows = list(store.query(text))
    found = {(str(r.subject), str(r.predicate), str(r.object)): int(r.articles) for r in rows}
    assert found[("Warner Bros", "type", "Organization")] == 2


# --- strict --------------------------------------------------------------------------------------------

def test_drop_violations_takes_the_breaking_triples_out():
    from test_graph import collider_facts

    facts = collider_facts()
    graphs = to_graphs(resolve(facts), [f.article for f in facts])
    first = next(name for name in graphs if name != ENTITIES_GRAPH)
    film, person = ID["film/mission-impossible-7"], ID["person/tom-cruise"]
    graphs[first].add((film, KG.directs, person))  # a film directing a person
    graphs[ENTITIES_GRAPH].add((person, RDFS.label, Literal("Thomas Cruise")))  # a second label
    left_out = drop_violations(graphs)
    assert ((film, KG.directs, person), "The subject of kg:directs must be a kg:Person.") in left_out
    assert any(triple[:2] == (person, RDFS.label) for triple, _ in left_out)
    union = Graph()
    for graph in graphs.values():
        union += graph
    assert validate(union).conforms
    assert (person, KG.actsIn, film) in union  # what did not break the shapes stays
    assert len(list(union.objects(person, RDFS.label))) == 1  # of too many values, the first stays


def test_a_strict_build_of_conforming_articles_leaves_nothing_out(toy, toy_articles, tmp_path):
    result = build(toy, toy_articles.values(), tmp_path / "store", strict=True)
    assert result.left_out == []
    assert validate(result.graph).conforms


# --- the commands (no trained model: the store is built with the toy extractor) ---------------------------

def run(capsys, *argv: str) -> tuple[int, str, str]:
    from kg.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_kg_articles(abc, capsys):
    code, out, _ = run(capsys, "articles", "--store", str(abc))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "date", "title", "facts", "file"]
    assert [line.split()[:2] for line in lines[2:]] == [
        ["a_barbie.txt", "2023-07-01"], ["b_oppenheimer.txt", "2023-07-02"], ["c_dune.txt", "2024-02-01"],
    ]
    code, out, _ = run(capsys, "articles", "--store", str(abc), "--format", "json")
    assert len(json.loads(out)["results"]["bindings"]) == 3


def test_kg_remove_rewrites_the_exports(abc, toy_articles, tmp_path, capsys):
    out = tmp_path / "out"
    code, printed, _ = run(capsys, "remove", "c_dune.txt", str(toy_articles["b_oppenheimer.txt"]), "--store", str(abc), "--out", str(out))
    assert code == 0
    assert printed.splitlines()[0].startswith("removed 2 articles: c_dune.txt, b_oppenheimer.txt")
    assert f"store {abc}: 1 articles" in printed
    graph = Graph().parse(out / "graph.ttl")
    assert isomorphic(graph, union_of(abc))
    assert "Greta Gerwig" in (out / "graph.html").read_text(encoding="utf-8")
    code, _, err = run(capsys, "remove", "c_dune.txt", "--store", str(abc), "--out", str(out))
    assert code == 1 and err.count("\n") == 1 and "c_dune.txt: no article with this id or path" in err


def test_reading_commands_take_a_store(abc, tmp_path, capsys):
    code, out, _ = run(capsys, "query", "SELECT ?f WHERE { ?p kg:directs ?f }", "--store", str(abc), "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 4
    code, out, _ = run(capsys, "query", str(QUERIES / "article-graphs.rq"), "--store", str(abc))
    assert code == 0 and "Greta Gerwig" in out
    code, out, _ = run(capsys, "stats", "--store", str(abc))
    assert code == 0 and "articles  3" in out
    code, out, _ = run(capsys, "validate", "--store", str(abc))
    assert code == 0 and out == "conforms\n"
    trig = tmp_path / "export.trig"
    code, out, _ = run(capsys, "export", "--store", str(abc), "--format", "trig", "--out", str(trig))
    assert code == 0 and out == f"wrote {trig}\n"
    # a TriG file keeps the named graphs, so GRAPH queries work on it too
    code, out, _ = run(capsys, "query", str(QUERIES / "article-graphs.rq"), "--graph", str(trig))
    assert code == 0 and "Greta Gerwig" in out
    code, _, err = run(capsys, "query", str(QUERIES / "article-graphs.rq"), "--graph", str(tmp_path / "missing.ttl"))
    assert code == 1


def test_without_graph_or_store_the_commands_read_output_store(abc, tmp_path, monkeypatch, capsys):
    import shutil

    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "stats")
    assert code == 1 and "output/graph.ttl: no such file" in err  # no store and no graph file
    shutil.copytree(abc, tmp_path / "output" / "store")
    code, out, _ = run(capsys, "query", "ASK { ?f rdfs:label 'Dune' }")
    assert code == 0 and out == "true\n"
    code, out, _ = run(capsys, "articles")
    assert code == 0 and "c_dune.txt" in out
    code, out, _ = run(capsys, "export", "--format", "nq")
    assert code == 0 and (tmp_path / "output" / "graph.nq").is_file()


def test_a_graph_file_query_with_graph_patterns_is_a_one_line_error(abc, tmp_path, capsys):
    ttl = tmp_path / "graph.ttl"
    with GraphStore.open(abc, read_only=True) as store:
        ttl.write_text(store.export("ttl"), encoding="utf-8")
    code, _, err = run(capsys, "query", str(QUERIES / "article-graphs.rq"), "--graph", str(ttl))
    assert code == 1 and err.count("\n") == 1 and "no named graphs" in err


@pytest.mark.parametrize("command", ["articles", "remove", "serve"])
def test_new_commands_have_help(capsys, command):
    from kg.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: kg " + command in capsys.readouterr().out


def test_reading_a_locked_or_missing_store_is_a_one_line_error(tmp_path, capsys):
    code, _, err = run(capsys, "articles", "--store", str(tmp_path / "none"))
    assert code == 1 and err.count("\n") == 1 and "no kg store here" in err


def test_two_articles_with_one_id_keep_the_later_with_a_warning(toy, tmp_path):
    first, second = tmp_path / "one" / "x.txt", tmp_path / "two" / "x.txt"
    for path, film in ((first, "Barbie"), (second, "Dune")):
        path.parent.mkdir()
        path.write_text(f"Greta Gerwig directs {film}.", encoding="utf-8")
    warnings = []
    result = build_store([str(first), str(second)], tmp_path / "store", toy.settings, nlp=toy.nlp, on_skip=warnings.append)
    assert result.stored == 1 and [w.source for w in warnings] == [str(first)]
    assert "read again from" in warnings[0].reason
    assert (ID["person/greta-gerwig"], KG.directs, ID["film/dune"]) in result.graph


def test_readers_refuse_a_store_another_process_is_writing(abc):
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()", str(abc / "oxigraph")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="being written by another process"):
            GraphStore.open(abc, read_only=True)
        with pytest.raises(StoreError, match="in use by another process"):
            GraphStore.open(abc)
    finally:
        holder.communicate("", timeout=30)
    with GraphStore.open(abc, read_only=True) as store:  # free again
        assert len(store) > 0


def test_validation_report_names_focus_path_value_and_message():
    from test_graph import collider_facts

    facts = collider_facts()
    graph = to_graph(resolve(facts), [f.article for f in facts])
    graph.add((ID["film/mission-impossible-7"], KG.directs, ID["person/tom-cruise"]))
    report = validate(graph)
    assert not report.conforms
    assert report.text.splitlines()[0].endswith("(focus node, path, value: message)")
    assert "  id:film/mission-impossible-7 kg:directs id:person/tom-cruise: The object of kg:directs must be a kg:Film." in report.text
    assert "  id:film/mission-impossible-7: The subject of kg:directs must be a kg:Person." in report.text


def test_the_build_summary_lists_what_strict_left_out():
    from types import SimpleNamespace

    from kg.cli import build_summary
    from kg.store import Changes

    graph = to_graph(resolve([]), [])
    result = SimpleNamespace(
        graph=graph, articles=[1], skipped=[], added=["a"], changed=[], unchanged=[], removed=[], seconds=0.1,
        stored=1, changes=Changes(["g"], []),
        left_out=[((ID["film/x"], KG.directs, ID["person/y"]), "The subject of kg:directs must be a kg:Person.")],
    )
    text = build_summary(result, Path("out"), Path("out/store"))
    assert "left out 1 triple that breaks the shapes (--strict):" in text
    assert "  id:film/x kg:directs id:person/y: The subject of kg:directs must be a kg:Person." in text
