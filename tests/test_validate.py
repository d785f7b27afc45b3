"""kg.validate: SHACL validation against the project shapes or a given shapes file."""
from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

from kg.errors import ConfigError
from kg.ontology import ID
from kg.validate import DEFAULT_SHAPES, validate

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://example.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/test#> .

ex:PersonShape a sh:NodeShape ;
    sh:targetClass kg:Person ;
    sh:property [ sh:path rdfs:label ; sh:maxCount 1 ; sh:message "one label only" ] .
"""


@pytest.fixture
def shapes(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES)
    return path


def test_conforming_graph(small_graph, shapes):
    report = validate(small_graph, shapes)
    assert report.conforms and report.violations == []
    assert report.text == "conforms\n"


def test_violating_graph(small_graph, shapes):
    small_graph.add((ID["person/christopher-nolan"], RDFS.label, Literal("Chris Nolan")))
    report = validate(small_graph, shapes)
    assert not report.conforms
    assert report.violations == [("id:person/christopher-nolan", "rdfs:label", "one label only")]
    assert "id:person/christopher-nolan rdfs:label: one label only" in report.text


def test_missing_shapes_file(small_graph, tmp_path):
    with pytest.raises(ConfigError, match="nope.ttl"):
        validate(small_graph, tmp_path / "nope.ttl")


def test_small_graph_conforms_to_the_project_shapes(small_graph):
    assert DEFAULT_SHAPES.is_file()
    report = validate(small_graph)
    assert report.conforms, report.text
