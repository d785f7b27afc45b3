"""The OWL ontology, the SHACL shapes and the SPARQL queries under ontology/."""
from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.plugins.sparql import prepareQuery

from kg.ontology import CLASSES, ID, KG, PREFIXES, RELATIONS, SCHEMA

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
QUERY_FILES = sorted((ONTOLOGY_DIR / "queries").glob("*.rq"))
WDT = "http://www.wikidata.org/prop/direct/"

EVIDENCE_PROPERTIES = ("sentence", "startOffset", "endOffset", "extractor", "confidence")
ALL_TERMS = (*CLASSES, "Evidence", *RELATIONS, *EVIDENCE_PROPERTIES)

# The prefixes `kg query` binds for the user: queries may use these and no others.
QUERY_PREFIXES = {
    name: PREFIXES[name] for name in ("kg", "rdf", "rdfs", "owl", "xsd", "skos", "schema", "prov")
}

# Domain and range of every relation, from the scoring contract (shared/eval/README.md).
CONTRACT = {
    "worksOn": ("Person", "Film"),
    "directs": ("Person", "Film"),
    "actsIn": ("Person", "Film"),
    "writes": ("Person", "Film"),
    "produces": ("Person", "Film"),
    "producedBy": ("Film", "Organization"),
    "filmsIn": ("Film", "Location"),
    "releasedOn": ("Film", None),
    "partOf": ("Film", "Franchise"),
    "locatedIn": ("Location", "Location"),
    "worksFor": ("Person", "Organization"),
    "supports": ("Organization", "Film"),
    "postsOn": (None, "Platform"),
}


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def conforms(data: Graph, shapes: Graph) -> bool:
    ok, _report, _text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=None, inference="none")
    return ok


def run(graph: Graph, name: str) -> list[tuple[str, ...]]:
    text = (ONTOLOGY_DIR / "queries" / name).read_text(encoding="utf-8")
    rows = graph.query(prepareQuery(text, initNs=QUERY_PREFIXES))
    return [tuple("" if value is None else str(value) for value in row) for row in rows]


# --- kg.ttl ------------------------------------------------------------------------


def test_ontology_header(ontology):
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    for predicate in (RDFS.label, RDFS.comment, OWL.versionInfo):
        assert ontology.value(header, predicate) is not None, predicate


@pytest.mark.parametrize("name", ALL_TERMS)
def test_every_term_is_declared_with_label_and_comment(ontology, name):
    term = KG[name]
    if name in (*CLASSES, "Evidence"):
        expected = OWL.Class
    elif name in RELATIONS and name != "releasedOn":
        expected = OWL.ObjectProperty
    else:
        expected = OWL.DatatypeProperty
    assert (term, RDF.type, expected) in ontology
    assert ontology.value(term, RDFS.label) is not None
    assert ontology.value(term, RDFS.comment) is not None


def test_ontology_declares_no_term_missing_from_the_python_namespace(ontology):
    namespace = str(KG._NS)
    used = {str(t) for t in ontology.all_nodes() if str(t).startswith(namespace)}
    assert used == {str(KG[name]) for name in ALL_TERMS}


def test_all_terms_cover_the_python_namespace():
    assert set(ALL_TERMS) == set(KG.__annotations__)


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_domain_and_range_follow_the_contract(ontology, name):
    domain, range_ = CONTRACT[name]
    if domain is not None:
        assert ontology.value(KG[name], RDFS.domain) == KG[domain]
    if range_ is not None:
        assert ontology.value(KG[name], RDFS.range) == KG[range_]


def test_posts_on_domain_is_person_or_organization(ontology):
    domain = ontology.value(KG.postsOn, RDFS.domain)
    assert isinstance(domain, BNode)
    members = list(Collection(ontology, ontology.value(domain, OWL.unionOf)))
    assert set(members) == {KG.Person, KG.Organization}


def test_released_on_range_is_the_three_date_types(ontology):
    range_ = ontology.value(KG.releasedOn, RDFS.range)
    members = list(Collection(ontology, ontology.value(range_, OWL.unionOf)))
    assert set(members) == {XSD.date, XSD.gYearMonth, XSD.gYear}


@pytest.mark.parametrize("name", ["directs", "actsIn", "writes", "produces"])
def test_roles_are_sub_properties_of_works_on(ontology, name):
    assert (KG[name], RDFS.subPropertyOf, KG.worksOn) in ontology


def test_evidence_is_a_reified_statement(ontology):
    assert (KG.Evidence, RDFS.subClassOf, RDF.Statement) in ontology


@pytest.mark.parametrize("name, prop", [
    ("directs", "P57"), ("actsIn", "P161"), ("writes", "P58"), ("produces", "P162"),
])
def test_film_to_person_wikidata_properties_are_inverses(ontology, name, prop):
    wikidata = ontology.namespace_manager.expand_curie(f"wdt:{prop}")
    assert str(wikidata) == WDT + prop
    assert (KG[name], OWL.inverseOf, wikidata) in ontology
    assert (KG[name], OWL.equivalentProperty, wikidata) not in ontology


def test_same_direction_wikidata_properties_are_equivalent(ontology):
    for name, prop in [("producedBy", "P272"), ("filmsIn", "P915"), ("partOf", "P179"),
                       ("locatedIn", "P131"), ("worksFor", "P108")]:
        assert (KG[name], OWL.equivalentProperty, ontology.namespace_manager.expand_curie(f"wdt:{prop}")) in ontology
    assert (KG.worksFor, OWL.equivalentProperty, SCHEMA.worksFor) in ontology


# --- shapes.ttl --------------------------------------------------------------------


def test_small_graph_conforms(small_graph, shapes):
    assert conforms(small_graph, shapes)


def test_directs_object_must_be_a_film(small_graph, shapes):
    small_graph.add((ID["person/christopher-nolan"], KG.directs, ID["location/new-mexico"]))
    assert not conforms(small_graph, shapes)


def test_directs_subject_must_be_a_person(small_graph, shapes):
    small_graph.add((ID["organization/universal-pictures"], KG.directs, ID["film/oppenheimer"]))
    assert not conforms(small_graph, shapes)


def test_release_date_must_be_a_date_type(small_graph, shapes):
    film = ID["film/oppenheimer"]
    small_graph.add((film, KG.releasedOn, Literal("2023", datatype=XSD.gYear)))
    assert conforms(small_graph, shapes)
    small_graph.add((film, KG.releasedOn, Literal("July 2023")))
    assert not conforms(small_graph, shapes)


def test_organization_may_post_on_a_platform(small_graph, shapes):
    instagram = ID["platform/instagram"]
    small_graph.add((instagram, RDF.type, KG.Platform))
    small_graph.add((instagram, RDFS.label, Literal("Instagram")))
    small_graph.add((ID["organization/universal-pictures"], KG.postsOn, instagram))
    assert conforms(small_graph, shapes)
    small_graph.add((ID["film/oppenheimer"], KG.postsOn, instagram))
    assert not conforms(small_graph, shapes)


def test_entity_needs_exactly_one_label(small_graph, shapes):
    small_graph.add((ID["film/oppenheimer"], RDFS.label, Literal("Oppenheimer (2023)")))
    assert not conforms(small_graph, shapes)


@pytest.mark.parametrize("predicate, value", [
    (KG.confidence, Literal("1.5", datatype=XSD.decimal)),
    (KG.startOffset, Literal(-1)),
    (KG.extractor, Literal("second extractor")),
])
def test_evidence_values_are_checked(small_graph, shapes, predicate, value):
    evidence = PREFIXES["evidence"]["e0"]
    small_graph.remove((evidence, predicate, None))
    small_graph.add((evidence, predicate, value))
    if predicate == KG.extractor:  # two extractors on one record
        small_graph.add((evidence, predicate, Literal("roles")))
    assert not conforms(small_graph, shapes)


def test_article_author_must_be_a_person(small_graph, shapes):
    article = PREFIXES["article"]["oppenheimer-txt"]
    small_graph.add((article, SCHEMA.author, ID["person/christopher-nolan"]))
    assert conforms(small_graph, shapes)
    small_graph.add((article, SCHEMA.author, ID["organization/universal-pictures"]))
    assert not conforms(small_graph, shapes)


# --- queries -----------------------------------------------------------------------


def test_required_queries_exist():
    names = {path.name for path in QUERY_FILES}
    required = {"directors.rq", "filming-locations.rq", "coworkers.rq", "films-per-location.rq",
                "release-dates.rq", "article-facts.rq", "fact-evidence.rq", "film-crew.rq"}
    assert required <= names
    assert len(names) >= 9


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_parses_and_runs(small_graph, path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "a query starts with a comment line saying its question"
    assert not any(line.lstrip().upper().startswith("PREFIX") for line in text.splitlines()), \
        "no PREFIX lines: kg query binds the prefixes"
    query = prepareQuery(text, initNs=QUERY_PREFIXES)
    assert query.algebra.name == "SelectQuery"
    if "GRAPH" in text:  # a query over named graphs runs on a dataset, as in the store
        from rdflib import Dataset, URIRef

        dataset = Dataset(default_union=True)
        named = dataset.graph(URIRef("https://example.org/kg/article/oppenheimer-txt"))
        for triple in small_graph:
            named.add(triple)
        assert len(list(dataset.query(query))) > 0
    else:
        small_graph.query(query)


def test_directors(small_graph):
    assert run(small_graph, "directors.rq") == [("Christopher Nolan", "Oppenheimer")]


def test_film_crew(small_graph):
    rows = run(small_graph, "film-crew.rq")
    assert ("Oppenheimer", "Christopher Nolan", "directs") in rows
    assert ("Oppenheimer", "Cillian Murphy", "actsIn") in rows


def test_coworkers(small_graph):
    rows = run(small_graph, "coworkers.rq")
    assert rows == [("Christopher Nolan", "Cillian Murphy", "1", "Oppenheimer")]


def test_filming_locations_and_counts(small_graph):
    assert run(small_graph, "filming-locations.rq") == [("Oppenheimer", "New Mexico", "")]
    assert run(small_graph, "films-per-location.rq") == [("New Mexico", "1")]


def test_release_dates(small_graph):
    assert run(small_graph, "release-dates.rq") == [("Oppenheimer", "2023-07-21", "date")]


def test_article_facts(small_graph):
    rows = run(small_graph, "article-facts.rq")
    facts = {row[1:4] for row in rows}
    assert ("Christopher Nolan", "directs", "Oppenheimer") in facts
    assert ("Oppenheimer", "releasedOn", "2023-07-21") in facts
    assert len(rows) == 5


def test_fact_evidence(small_graph):
    (row,) = run(small_graph, "fact-evidence.rq")
    director, film, sentence, article, start, end, extractor, confidence = row
    assert (director, film, article, extractor) == ("Christopher Nolan", "Oppenheimer", "oppenheimer.txt", "roles")
    assert sentence.startswith("Christopher Nolan directs Oppenheimer")
    assert (int(start), int(end), float(confidence)) == (0, len(sentence), 0.9)


def test_franchises_and_social(small_graph):
    film, nolan = ID["film/oppenheimer"], ID["person/christopher-nolan"]
    franchise, platform = ID["franchise/nolanverse"], ID["platform/instagram"]
    for node, cls, label in ((franchise, KG.Franchise, "Nolanverse"), (platform, KG.Platform, "Instagram")):
        small_graph.add((node, RDF.type, cls))
        small_graph.add((node, RDFS.label, Literal(label)))
    small_graph.add((film, KG.partOf, franchise))
    small_graph.add((nolan, KG.postsOn, platform))
    assert run(small_graph, "franchises.rq") == [("Nolanverse", "1", "Oppenheimer")]
    assert run(small_graph, "social.rq") == [("Christopher Nolan", "Person", "Instagram")]
    # the two new facts have no evidence record
    assert {row[1] for row in run(small_graph, "unsupported-facts.rq")} == {"partOf", "postsOn"}


def test_most_mentioned(small_graph):
    rows = run(small_graph, "most-mentioned.rq")
    assert ("Oppenheimer", "Film", "1") in rows
    assert len(rows) == 5
