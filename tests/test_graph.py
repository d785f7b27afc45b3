"""kg.graph.to_graph on hand-made facts: IRIs, labels, articles, evidence and safe output."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.graph import date_literal, to_graph
from kg.ontology import ARTICLE, CLASSES, ID, KG, RELATIONS, SCHEMA
from kg.outputs.rdf import serialize
from kg.query import run_query
from kg.resolve import ArticleFacts, Entity, EntityRelation, Resolution, resolve
from kg.types import Article, ArticleMeta, DateValue, Evidence, Mention, Relation

SENTENCE = "Director Christopher McQuarrie shared a still from Mission: Impossible 7 on Instagram."


class Facts:
    """Mentions and relations of one article, each in a sentence of its own."""

    def __init__(self, article: Article):
        self.article = article
        self.mentions: list[Mention] = []
        self.relations: list[Relation] = []
        self.meta = ArticleMeta()
        self.offset = 0

    def evidence(self, extractor: str, confidence: float, sentence: str = SENTENCE) -> Evidence:
        ev = Evidence(self.article.id, sentence, self.offset, self.offset + len(sentence), extractor, confidence)
        self.offset += len(sentence) + 1
        return ev

    def mention(self, text: str, cls: str, extractor: str = "ner", confidence: float = 0.9) -> Mention:
        ev = self.evidence(extractor, confidence)
        m = Mention(text, cls, ev.start, ev.start + len(text), ev)
        self.mentions.append(m)
        return m

    def relation(self, s: Mention, predicate: str, o: Mention | DateValue, confidence: float = 0.9, sentence: str = SENTENCE) -> Relation:
        r = Relation(s, predicate, o, self.evidence("roles", confidence, sentence))
        self.relations.append(r)
        return r

    def done(self) -> ArticleFacts:
        return ArticleFacts(self.article, self.mentions, self.relations, self.meta)


def collider_facts() -> list[ArticleFacts]:
    a1 = Facts(Article("000_ad0677146f37b0c8.txt", "...", "seeds/000_ad0677146f37b0c8.txt", date(2020, 10, 6)))
    mcq = a1.mention("Christopher McQuarrie", "Person")
    mcq_short = a1.mention("McQuarrie", "Person")
    cruise = a1.mention("Tom Cruise", "Person")
    film = a1.mention("Mission: Impossible 7", "Film", "titles")
    norway = a1.mention("Norway", "Location")
    roma = a1.mention("Roma", "Location")
    insta = a1.mention("Instagram", "Platform", "gazetteer", 0.95)
    author = a1.mention("Allie Gemmill", "Person", "bio")
    publisher = a1.mention("Collider", "Organization", "bio")
    a1.meta = ArticleMeta(author, publisher)
    a1.relation(mcq_short, "directs", film, 0.9)
    a1.relation(cruise, "actsIn", film, 0.85)
    a1.relation(film, "filmsIn", norway, 0.8)
    a1.relation(film, "filmsIn", roma, 0.7)
    a1.relation(mcq, "postsOn", insta, 0.8)
    a1.relation(film, "releasedOn", DateValue("2021-11-19"), 0.9)
    a1.relation(author, "worksFor", publisher, 0.9)

    a2 = Facts(Article("feed.jsonl#2", "...", "feed.jsonl:2", date(2021, 3, 1), title="Dune news", url="https://example.com/dune"))
    dune = a2.mention("Dune", "Film", "titles")
    part_two = a2.mention("Dune: Part Two", "Film", "titles")
    a2.mention("Rome", "Location")
    a2.mention("Cruise", "Person")
    a2.relation(dune, "releasedOn", DateValue("2021-10"), 0.7)
    a2.relation(part_two, "releasedOn", DateValue("2023"), 0.6)
    return [a1.done(), a2.done()]


def build(facts: list[ArticleFacts]) -> Graph:
    return to_graph(resolve(facts), [f.article for f in facts])


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build(collider_facts())


def iri(cls: str, slug: str) -> URIRef:
    return URIRef(f"https://example.org/kg/id/{cls}/{slug}")


# --- entities ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "cls, slug, label, aliases",
    [
        ("Person", "christopher-mcquarrie", "Christopher McQuarrie", {"McQuarrie"}),
        ("Person", "tom-cruise", "Tom Cruise", {"Cruise"}),
        ("Person", "allie-gemmill", "Allie Gemmill", set()),
        ("Film", "mission-impossible-7", "Mission: Impossible 7", set()),
        ("Film", "dune", "Dune", set()),
        ("Film", "dune-part-two", "Dune: Part Two", set()),
        ("Location", "norway", "Norway", set()),
        ("Location", "rome", "Rome", {"Roma"}),
        ("Platform", "instagram", "Instagram", set()),
        ("Organization", "collider", "Collider", set()),
    ],
)
def test_entity_iri_class_and_labels(graph, cls, slug, label, aliases):
    node = iri(cls.lower(), slug)
    assert node == ID[f"{cls.lower()}/{slug}"]
    assert set(graph.objects(node, RDF.type)) == {KG[cls]}
    assert list(graph.objects(node, RDFS.label)) == [Literal(label)]
    assert {str(a) for a in graph.objects(node, SKOS.altLabel)} == aliases


def test_every_entity_iri_has_the_documented_shape(graph):
    entities = {s for cls in CLASSES for s in graph.subjects(RDF.type, KG[cls])}
    assert len(entities) == 10
    shape = re.compile(r"^https://example\.org/kg/id/(person|film|franchise|location|organization|platform)/[a-z0-9-]+$")
    assert all(shape.match(str(e)) for e in entities)


# --- articles ---------------------------------------------------------------------------------

def test_article_node(graph):
    node = ARTICLE["000-ad0677146f37b0c8-txt"]
    assert (node, RDF.type, SCHEMA.NewsArticle) in graph
    assert graph.value(node, SCHEMA.identifier) == Literal("000_ad0677146f37b0c8.txt")
    published = graph.value(node, SCHEMA.datePublished)
    assert published == Literal("2020-10-06", datatype=XSD.date) and published.datatype == XSD.date
    assert graph.value(node, SCHEMA.author) == iri("person", "allie-gemmill")
    assert graph.value(node, SCHEMA.publisher) == iri("organization", "collider")
    assert graph.value(node, SCHEMA.name) is None and graph.value(node, SCHEMA.url) is None
    assert set(graph.objects(node, SCHEMA.mentions)) == {
        iri("person", "christopher-mcquarrie"), iri("person", "tom-cruise"), iri("film", "mission-impossible-7"),
        iri("location", "norway"), iri("location", "rome"), iri("platform", "instagram"),
        iri("person", "allie-gemmill"), iri("organization", "collider"),
    }


def test_jsonl_article_node_has_title_and_url(graph):
    node = ARTICLE["feed-jsonl-2"]
    assert graph.value(node, SCHEMA.identifier) == Literal("feed.jsonl#2")
    assert graph.value(node, SCHEMA.name) == Literal("Dune news")
    assert graph.value(node, SCHEMA.url) == Literal("https://example.com/dune")
    assert graph.value(node, SCHEMA.author) is None
    assert set(graph.objects(node, SCHEMA.mentions)) == {
        iri("film", "dune"), iri("film", "dune-part-two"), iri("location", "rome"), iri("person", "tom-cruise"),
    }


# --- relations and their evidence ---------------------------------------------------------------

EXPECTED_RELATIONS = [
    (iri("person", "christopher-mcquarrie"), KG.directs, iri("film", "mission-impossible-7")),
    (iri("person", "tom-cruise"), KG.actsIn, iri("film", "mission-impossible-7")),
    (iri("film", "mission-impossible-7"), KG.filmsIn, iri("location", "norway")),
    (iri("film", "mission-impossible-7"), KG.filmsIn, iri("location", "rome")),
    (iri("person", "christopher-mcquarrie"), KG.postsOn, iri("platform", "instagram")),
    (iri("film", "mission-impossible-7"), KG.releasedOn, Literal("2021-11-19", datatype=XSD.date)),
    (iri("person", "allie-gemmill"), KG.worksFor, iri("organization", "collider")),
    (iri("film", "dune"), KG.releasedOn, Literal("2021-10", datatype=XSD.gYearMonth)),
    (iri("film", "dune-part-two"), KG.releasedOn, Literal("2023", datatype=XSD.gYear)),
]


def test_relations_are_plain_triples(graph):
    found = {(s, p, o) for p in (KG[r] for r in RELATIONS) for s, o in graph.subject_objects(p)}
    assert found == set(EXPECTED_RELATIONS)


EVIDENCE_QUERY = """
SELECT ?e ?article ?sentence ?start ?end ?extractor ?confidence WHERE {
  ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     prov:wasDerivedFrom ?article ; kg:sentence ?sentence ;
     kg:startOffset ?start ; kg:endOffset ?end ; kg:extractor ?extractor ; kg:confidence ?confidence .
}
"""


@pytest.mark.parametrize("triple", EXPECTED_RELATIONS, ids=lambda t: f"{t[1].split('#')[1]}-{t[0].rsplit('/', 1)[1]}")
def test_every_relation_has_an_evidence_record(graph, triple):
    values = "VALUES (?s ?p ?o) { (" + " ".join(term.n3() for term in triple) + ") }"
    rows = list(run_query(graph, EVIDENCE_QUERY.replace("WHERE {", "WHERE { " + values)))
    assert len(rows) == 1, rows
    row = rows[0]
    assert str(row.e).startswith("https://example.org/kg/evidence/")
    assert row.article == ARTICLE["feed-jsonl-2" if "/film/dune" in triple[0] else "000-ad0677146f37b0c8-txt"]
    assert str(row.sentence) == SENTENCE
    assert int(row.end) - int(row.start) == len(SENTENCE)
    assert row.start.datatype == XSD.integer
    assert str(row.extractor) == "roles"
    assert row.confidence.datatype == XSD.decimal and 0 <= row.confidence.toPython() <= 1


def test_the_documented_evidence_query(graph):
    query = """
    SELECT ?sentence ?article ?confidence WHERE {
      ?e rdf:subject ?s ; rdf:predicate kg:directs ; rdf:object ?o ;
         kg:sentence ?sentence ; prov:wasDerivedFrom ?article ; kg:confidence ?confidence .
      ?s rdfs:label "Christopher McQuarrie" .
    }
    """
    [row] = list(run_query(graph, query))
    assert str(row.sentence) == SENTENCE
    assert row.article == ARTICLE["000-ad0677146f37b0c8-txt"]
    assert row.confidence == Literal("0.9", datatype=XSD.decimal)


def test_every_entity_type_has_evidence(graph):
    query = """
    SELECT ?entity ?cls (COUNT(?e) AS ?n) WHERE {
      VALUES ?cls { kg:Person kg:Film kg:Franchise kg:Location kg:Organization kg:Platform }
      ?entity a ?cls .
      OPTIONAL { ?e rdf:subject ?entity ; rdf:predicate rdf:type ; rdf:object ?cls ; a kg:Evidence . }
    } GROUP BY ?entity ?cls
    """
    rows = list(run_query(graph, query))
    assert len(rows) == 10
    assert all(int(row.n) >= 1 for row in rows)


def test_every_evidence_record_is_complete(graph):
    properties = [RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom, KG.sentence,
                  KG.startOffset, KG.endOffset, KG.extractor, KG.confidence]
    records = set(graph.subjects(RDF.type, KG.Evidence))
    assert records
    for record in records:
        for prop in properties:
            assert len(list(graph.objects(record, prop))) == 1, (record, prop)


@pytest.mark.parametrize(
    "iso, datatype",
    [("2021-11-19", XSD.date), ("2021-11", XSD.gYearMonth), ("2021", XSD.gYear)],
)
def test_date_literal(iso, datatype):
    literal = date_literal(DateValue(iso))
    assert literal.datatype == datatype and str(literal) == iso


def test_same_fact_from_two_extractors_has_two_evidence_records():
    f = Facts(Article("a.txt", "...", "a.txt"))
    mcq, film = f.mention("Christopher McQuarrie", "Person"), f.mention("Mission: Impossible 7", "Film")
    f.relation(mcq, "directs", film, 0.9)
    f.relations.append(Relation(mcq, "directs", film, Evidence("a.txt", SENTENCE, 0, len(SENTENCE), "coref", 0.6)))
    g = build([f.done()])
    records = list(g.subjects(RDF.predicate, KG.directs))
    assert len(records) == 2
    assert {str(g.value(r, KG.extractor)) for r in records} == {"roles", "coref"}


def test_repeated_evidence_keeps_the_highest_confidence():
    f = Facts(Article("a.txt", "...", "a.txt"))
    mcq, film = f.mention("Christopher McQuarrie", "Person"), f.mention("Mission: Impossible 7", "Film")
    ev = Evidence("a.txt", SENTENCE, 0, len(SENTENCE), "roles", 0.5)
    f.relations += [Relation(mcq, "directs", film, ev), Relation(mcq, "directs", film, replace(ev, confidence=0.8))]
    g = build([f.done()])
    [record] = g.subjects(RDF.predicate, KG.directs)
    assert list(g.objects(record, KG.confidence)) == [Literal("0.8", datatype=XSD.decimal)]


# --- hostile names -------------------------------------------------------------------------------

HOSTILE = [
    'Tom "Maverick" Cruise', "Tom 'Goose' Bradshaw", "<script>alert(1)</script> Smith", "</script>",
    "Ava <b>Bold</b> DuVernay", "Back\\slash Films", "Trailing Backslash\\", "Emoji 🎬 Man",
    "Line\nBreak Person", "Tab\tPerson", "@prefix x: <y> .", "# Not A Comment", "%20 Percent", "a/b c#d e?f",
]
NO_LETTERS = ["🎬🎬", "東京", "北野 武", "\n<>\\", "</script>\n", "\"\n\""]


def hostile_facts() -> list[ArticleFacts]:
    f = Facts(Article("hostile \"id\" <1>\n\\.txt", "...", "x"))
    film = f.mention("The Film", "Film", "titles")
    for n, name in enumerate(HOSTILE):
        person = f.mention(name, "Person")
        f.relation(person, "actsIn", film, 0.9, sentence=f'She said "{name}" </script>\n\\ & <ok> {n}')
    return [f.done()]


def hostile_resolution() -> tuple[Resolution, list[Article]]:
    """Labels resolve() would never make (names that fold to nothing), put in by hand."""
    resolution = resolve(hostile_facts())
    article = hostile_facts()[0].article
    for n, label in enumerate(NO_LETTERS):
        ev = Evidence(article.id, label, 0, len(label), "titles", 0.9)
        entity = Entity(f"Film:no-letters-{n}", "Film", label, [label + " (alt)", "\\\"'\n"], [ev])
        resolution.entities[entity.id] = entity
        resolution.mentioned[article.id].add(entity.id)
        resolution.relations.append(EntityRelation(entity.id, "releasedOn", DateValue("2021"), ev))
    return resolution, [article]


@pytest.fixture(scope="module")
def hostile_graph() -> Graph:
    resolution, articles = hostile_resolution()
    return to_graph(resolution, articles)


def test_hostile_names_give_valid_iris(hostile_graph):
    safe = re.compile(r"^https://example\.org/kg/(id/[a-z]+|article|evidence)/[a-z0-9-]+$")
    nodes = {t for triple in hostile_graph for t in triple if isinstance(t, URIRef)}
    ours = {n for n in nodes if str(n).startswith("https://example.org/kg/") and "/ontology#" not in str(n)}
    assert ours and all(safe.match(str(n)) for n in ours), sorted(n for n in ours if not safe.match(str(n)))
    people = set(hostile_graph.subjects(RDF.type, KG.Person))
    films = set(hostile_graph.subjects(RDF.type, KG.Film))
    assert len(people) == len(HOSTILE)  # no two hostile names share an IRI
    assert len(films) == 1 + len(NO_LETTERS)
    labels = {str(label) for node in films for label in hostile_graph.objects(node, RDFS.label)}
    assert set(NO_LETTERS) <= labels


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt")])
def test_hostile_graph_round_trips(hostile_graph, fmt, parser):
    text = serialize(hostile_graph, fmt)
    back = Graph().parse(data=text, format=parser)
    assert isomorphic(back, hostile_graph)
    assert len(back) == len(hostile_graph)


def test_hostile_graph_round_trips_through_rdflib_turtle_writer(hostile_graph):
    for fmt in ("turtle", "longturtle", "nt", "xml"):
        back = Graph().parse(data=hostile_graph.serialize(format=fmt), format="turtle" if "turtle" in fmt else fmt)
        assert isomorphic(back, hostile_graph), fmt


@pytest.mark.skipif(shutil.which("rapper") is None, reason="the rapper command (raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt, syntax", [("ttl", "turtle"), ("nt", "ntriples")])
def test_rapper_accepts_the_hostile_graph(tmp_path, hostile_graph, fmt, syntax):
    path = tmp_path / f"hostile.{fmt}"
    path.write_text(serialize(hostile_graph, fmt), encoding="utf-8")
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "rror" not in done.stderr


def sentence_graph(sentence: str) -> Graph:
    f = Facts(Article("a.txt", "...", "a.txt"))
    mcq, film = f.mention("Christopher McQuarrie", "Person"), f.mention("Mission: Impossible 7", "Film")
    f.relation(mcq, "directs", film, sentence=sentence)
    return build([f.done()])


def turtle_is_valid(tmp_path, text: str) -> bool:
    """No long literal runs into its closing quotes (Turtle's STRING_LITERAL_LONG_QUOTE
    cannot end with a quote), and rapper accepts the file when it is installed."""
    if any(len(m.group(1)) % 2 == 0 for m in re.finditer(r'(\\*)""""', text)):
        return False  # an unescaped quote right before the closing three
    if shutil.which("rapper"):
        path = tmp_path / "g.ttl"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True, timeout=60)
        return done.returncode == 0
    return True


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param('He captioned the post:\n"Norway left an imprint."', id="newline-then-closing-quote"),
        pytest.param('He wrote:\n""" three quotes """ and more', id="newline-and-triple-quotes"),
        pytest.param('He wrote:\n"C:\\films\\" was the path', id="newline-backslash-then-quote"),
        pytest.param(
            'He wrote:\nC:\\films\\"', id="newline-ends-with-backslash-quote",
            marks=pytest.mark.xfail(strict=True, reason=(
                "rdflib's Literal._quote_encode leaves the last quote unescaped when it follows an escaped "
                "backslash, so kg writes \"\"\"...\\\\\"\"\"\" which the Turtle grammar (and rapper) rejects"
            )),
        ),
    ],
)
def test_turtle_with_multiline_literals_is_valid(tmp_path, sentence):
    graph = sentence_graph(sentence)
    text = serialize(graph, "ttl")
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)
    assert turtle_is_valid(tmp_path, text), text


def test_slug_collisions_get_distinct_iris():
    """Names that differ only by punctuation or after 80 characters share a slug; the graph
    still gives every entity and article an IRI of its own."""
    long = "A Very Long Film Title That Goes On And On Past The Eighty Character Limit Of Slugs"
    f = Facts(Article("a b.txt", "...", "x"))
    for name in ("Marvel & DC", "Marvel DC", long + " One", long + " Two"):
        f.mention(name, "Organization" if "Marvel" in name else "Film")
    g = Facts(Article("a-b.txt", "...", "y"))
    g.mention("Marvel & DC", "Organization")
    facts = [f.done(), g.done()]
    graph = build(facts)
    assert len(set(graph.subjects(RDF.type, KG.Organization))) == 2
    assert len(set(graph.subjects(RDF.type, KG.Film))) == 2
    assert len(set(graph.subjects(RDF.type, SCHEMA.NewsArticle))) == 2
    assert {str(graph.value(a, SCHEMA.identifier)) for a in graph.subjects(RDF.type, SCHEMA.NewsArticle)} == {"a b.txt", "a-b.txt"}


# --- determinism ---------------------------------------------------------------------------------

def test_same_input_gives_byte_identical_turtle():
    first = serialize(build(collider_facts()), "ttl")
    second = serialize(build(collider_facts()), "ttl")
    assert first == second
    hostile = [serialize(to_graph(*hostile_resolution()), "ttl") for _ in range(2)]
    assert hostile[0] == hostile[1]


def test_turtle_does_not_depend_on_article_order():
    facts = collider_facts()
    assert serialize(build(facts), "ttl") == serialize(build(facts[::-1]), "ttl")
