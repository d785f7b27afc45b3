"""kg.query: SPARQL with the project prefixes, and every result format."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import ConfigError, QueryError
from kg.ontology import ID, KG
from kg.query import format_result, run_query, shorten

DIRECTORS = "SELECT ?p ?f WHERE { ?p kg:directs ?f }"


def test_query_needs_no_prefix_lines(small_graph):
    rows = list(run_query(small_graph, DIRECTORS))
    assert rows == [(ID["person/christopher-nolan"], ID["film/oppenheimer"])]


def test_query_with_its_own_prefix_lines(small_graph):
    text = "PREFIX k: <https://example.org/kg/ontology#>\nSELECT ?f WHERE { ?p k:directs ?f }"
    assert [row.f for row in run_query(small_graph, text)] == [ID["film/oppenheimer"]]


def test_table_shortens_iris_and_aligns(small_graph):
    lines = format_result(run_query(small_graph, DIRECTORS), "table").splitlines()
    assert lines[0].split() == ["p", "f"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["id:person/christopher-nolan", "id:film/oppenheimer"]
    assert lines[2].index("id:film") == lines[0].index("f") == lines[1].index("  -") + 2


def test_table_shows_literals_by_lexical_form(small_graph):
    text = format_result(run_query(small_graph, "SELECT ?d WHERE { ?f kg:releasedOn ?d }"))
    assert text.splitlines()[2] == "2023-07-21"


def test_csv(small_graph):
    text = format_result(run_query(small_graph, DIRECTORS), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["p", "f"], [str(ID["person/christopher-nolan"]), str(ID["film/oppenheimer"])]]


def test_tsv(small_graph):
    query = 'SELECT ?f ?d ?x WHERE { ?f kg:releasedOn ?d OPTIONAL { ?f kg:partOf ?x } }'
    text = format_result(run_query(small_graph, query), "tsv")
    assert text.splitlines() == [
        "?f\t?d\t?x",
        f"<{ID['film/oppenheimer']}>\t"
        '"2023-07-21"^^<http://www.w3.org/2001/XMLSchema#date>\t',
    ]


def test_tsv_escapes_hostile_literals():
    graph = Graph()
    graph.add((ID["film/x"], KG.sentence, Literal('tab\there "q" \\ new\nline')))
    text = format_result(run_query(graph, "SELECT ?s WHERE { ?f kg:sentence ?s }"), "tsv")
    assert text == '?s\n"tab\\there \\"q\\" \\\\ new\\nline"\n'


def test_json(small_graph):
    data = json.loads(format_result(run_query(small_graph, DIRECTORS), "json"))
    assert data["head"]["vars"] == ["p", "f"]
    assert data["results"]["bindings"][0]["f"] == {"type": "uri", "value": str(ID["film/oppenheimer"])}


@pytest.mark.parametrize(("query", "answer"), [
    ("ASK { ?p kg:directs ?f }", "true"),
    ("ASK { ?p kg:writes ?f }", "false"),
])
def test_ask(small_graph, query, answer):
    assert format_result(run_query(small_graph, query)) == answer + "\n"


def test_construct_prints_turtle_that_parses(small_graph):
    result = run_query(small_graph, "CONSTRUCT { ?p kg:worksOn ?f } WHERE { ?p kg:directs ?f }")
    text = format_result(result)
    assert "@prefix kg: <https://example.org/kg/ontology#>" in text
    expected = Graph().add((ID["person/christopher-nolan"], KG.worksOn, ID["film/oppenheimer"]))
    assert isomorphic(Graph().parse(data=text, format="turtle"), expected)


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { ?x ?y }",
    "SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER( }",
    "SELEC ?x WHERE { ?x ?y ?z }",
])
def test_syntax_error_is_one_line_with_line_and_column(small_graph, query):
    with pytest.raises(QueryError) as caught:
        run_query(small_graph, query)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("SPARQL syntax error at line ")
    assert "column" in message


def test_syntax_error_names_the_right_line(small_graph):
    with pytest.raises(QueryError, match="at line 3, column"):
        run_query(small_graph, "SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER( }")


def test_unknown_prefix_is_a_query_error(small_graph):
    with pytest.raises(QueryError, match="nope"):
        run_query(small_graph, "SELECT ?x WHERE { ?x nope:p ?y }")


def test_unknown_format(small_graph):
    with pytest.raises(ConfigError, match="table, csv, tsv, json"):
        format_result(run_query(small_graph, DIRECTORS), "xml")


def test_shorten():
    assert shorten(ID["person/tom-cruise"]) == "id:person/tom-cruise"
    assert shorten(KG.Person) == "kg:Person"
    assert shorten(Literal("Tom")) == "Tom"
    assert shorten(None) == ""
    assert shorten(URIRef("http://other.org/x")) == "<http://other.org/x>"
