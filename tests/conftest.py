"""Shared fixtures: a small hand-made graph in the shape docs/model.md describes."""
from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import ARTICLE, EVIDENCE, ID, KG, SCHEMA, new_graph


def _small_graph():
    g = new_graph()
    nolan, cillian = ID["person/christopher-nolan"], ID["person/cillian-murphy"]
    film, place, studio = ID["film/oppenheimer"], ID["location/new-mexico"], ID["organization/universal-pictures"]
    article = ARTICLE["oppenheimer-txt"]
    for node, cls, label in (
        (nolan, KG.Person, "Christopher Nolan"),
        (cillian, KG.Person, "Cillian Murphy"),
        (film, KG.Film, "Oppenheimer"),
        (place, KG.Location, "New Mexico"),
        (studio, KG.Organization, "Universal Pictures"),
    ):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        g.add((article, SCHEMA.mentions, node))
    g.add((nolan, SKOS.altLabel, Literal("Nolan")))
    g.add((article, RDF.type, SCHEMA.NewsArticle))
    g.add((article, SCHEMA.identifier, Literal("oppenheimer.txt")))
    g.add((article, SCHEMA.datePublished, Literal("2022-03-01", datatype=XSD.date)))
    sentence = "Christopher Nolan directs Oppenheimer, starring Cillian Murphy, in New Mexico."
    facts = [
        (nolan, KG.directs, film),
        (cillian, KG.actsIn, film),
        (film, KG.filmsIn, place),
        (film, KG.producedBy, studio),
        (film, KG.releasedOn, Literal("2023-07-21", datatype=XSD.date)),
    ]
    for n, (s, p, o) in enumerate(facts):
        g.add((s, p, o))
        ev = EVIDENCE[f"e{n}"]
        g.add((ev, RDF.type, KG.Evidence))
        g.add((ev, RDF.subject, s))
        g.add((ev, RDF.predicate, p))
        g.add((ev, RDF.object, o))
        g.add((ev, PROV.wasDerivedFrom, article))
        g.add((ev, KG.sentence, Literal(sentence)))
        g.add((ev, KG.startOffset, Literal(0)))
        g.add((ev, KG.endOffset, Literal(len(sentence))))
        g.add((ev, KG.extractor, Literal("roles")))
        g.add((ev, KG.confidence, Literal("0.9", datatype=XSD.decimal)))
    return g


@pytest.fixture
def small_graph():
    """Two people, a film, a place and a studio, with evidence for every relation."""
    return _small_graph()


@pytest.fixture
def small_graph_file(tmp_path, small_graph):
    """The small graph written as Turtle, for commands that read a --graph FILE."""
    path = tmp_path / "graph.ttl"
    small_graph.serialize(path, format="turtle")
    return path
