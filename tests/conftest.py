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


# --- a store built without the trained model -------------------------------------------------------

import re  # noqa: E402

import spacy  # noqa: E402

from kg.types import Mention, Relation  # noqa: E402

TOY_NAMES = {
    "Greta Gerwig": "Person", "Margot Robbie": "Person", "Christopher Nolan": "Person", "Cillian Murphy": "Person",
    "Denis Villeneuve": "Person", "Zendaya": "Person", "Barbie": "Film", "Oppenheimer": "Film", "Dune": "Film",
    "London": "Location", "New Mexico": "Location", "Budapest": "Location", "Warner Bros.": "Organization",
}
TOY_VERBS = {"directs": "directs", "stars in": "actsIn", "films in": "filmsIn", "is made by": "producedBy"}


class ToyExtractor:
    """A stand-in for the trained pipeline: known names, and 'X directs Y', 'X stars in Y',
    'Y films in Z', 'Y is made by Z' within a sentence. Counts the articles it reads."""

    name = "toy"
    description = "test extractor: known names and four verbs"

    def __init__(self):
        self.calls = 0

    def extract(self, ctx):
        self.calls += 1
        for sent in ctx.doc.sents:
            mentions = []
            for name, cls in TOY_NAMES.items():
                for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sent.text):
                    start = sent.start_char + match.start()
                    mentions.append(Mention(name, cls, start, start + len(name), ctx.evidence(sent, "toy", 0.9)))
            mentions.sort(key=lambda m: m.start)
            yield from mentions
            for verb, predicate in TOY_VERBS.items():
                at = sent.text.find(f" {verb} ")
                if at < 0:
                    continue
                at += sent.start_char
                before = [m for m in mentions if m.end <= at]
                after = [m for m in mentions if m.start > at]
                if before and after:
                    yield Relation(before[-1], predicate, after[0], ctx.evidence(sent, "toy", 0.8))


@pytest.fixture
def toy(monkeypatch):
    """The toy extractor, registered for one test, with a blank spaCy pipeline and settings
    that run only it: ``toy.settings``, ``toy.nlp``, ``toy.extractor``."""
    from kg.extractors import REGISTRY
    from kg.pipeline import Settings

    extractor = ToyExtractor()
    monkeypatch.setitem(REGISTRY, "toy", extractor)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    class Toy:
        pass

    kit = Toy()
    kit.extractor, kit.nlp = extractor, nlp
    kit.settings = Settings(extractors=("toy",), progress=False)
    return kit


TOY_ARTICLES = {
    "a_barbie.txt": " date 2023-07-01 Greta Gerwig directs Barbie. Margot Robbie stars in Barbie. Barbie films in London. Barbie is made by Warner Bros.",
    "b_oppenheimer.txt": " date 2023-07-02 Christopher Nolan directs Oppenheimer. Cillian Murphy stars in Oppenheimer. Oppenheimer films in New Mexico.",
    "c_dune.txt": " date 2024-02-01 Denis Villeneuve directs Dune. Zendaya stars in Dune. Dune films in Budapest. Dune is made by Warner Bros.",
}


@pytest.fixture
def toy_articles(tmp_path):
    """The three toy articles as .txt files in tmp_path/articles; returns {name: path}."""
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = {}
    for name, text in TOY_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths[name] = folder / name
    return paths
