"""The extractor registry: a cheap wiring guard, errors, and a user's own extractor."""
from __future__ import annotations

import pytest
import spacy

from kg.errors import ConfigError, KGError
from kg.extractors import REGISTRY, get_extractors, register
from kg.pipeline import extract
from kg.types import Article, ArticleContext, ArticleMeta, DateValue, Mention, Relation

BUILT_IN = ["ner", "gazetteer", "titled_names", "film_owners", "initialled_names", "particle_names", "companies", "titles", "hashtags", "short_names", "coref", "roles", "production", "filming",
            "release", "franchise", "places", "bio", "social"]


def test_registry_holds_exactly_the_built_in_extractors_in_order():
    assert list(REGISTRY) == BUILT_IN
    assert [e.name for e in get_extractors()] == BUILT_IN


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_extractor_follows_the_contract(name):
    extractor = REGISTRY[name]
    assert extractor.name == name
    assert isinstance(extractor.description, str) and extractor.description.strip()
    assert callable(extractor.extract)


@pytest.mark.parametrize(
    "names, expected",
    [
        (["social", "ner"], ["ner", "social"]),  # registry order, not the order asked
        (["roles"], ["roles"]),
        ([], []),
        (("titles", "titles"), ["titles"]),
    ],
)
def test_get_extractors_chooses_in_registry_order(names, expected):
    assert [e.name for e in get_extractors(names)] == expected


def test_unknown_extractor_lists_the_available_names():
    with pytest.raises(ConfigError) as info:
        get_extractors(["ner", "nope"])
    message = str(info.value)
    assert "'nope'" in message
    assert "available: " + ", ".join(BUILT_IN) in message
    assert isinstance(info.value, KGError)


@pytest.mark.parametrize(
    "thing",
    [
        pytest.param(type("NoExtract", (), {"name": "x", "description": "no extract method"}), id="class-without-extract"),
        pytest.param(type("NoName", (), {"description": "d", "extract": lambda self, ctx: []}), id="class-without-name"),
        pytest.param(type("NotCallable", (), {"name": "y", "description": "d", "extract": "not a method"}), id="extract-not-callable"),
        pytest.param(object(), id="plain-object"),
        pytest.param(lambda ctx: [], id="bare-function"),
    ],
)
def test_register_refuses_what_is_no_extractor(thing):
    before = dict(REGISTRY)
    with pytest.raises(ConfigError, match="is no extractor"):
        register(thing)
    assert REGISTRY == before


class Awards:
    """A user's extractor: 'Oscar winner Tom Hanks ... Big' gives a person, a film, two
    relations and the article's author, to show that facts from outside kg flow through."""

    name = "awards"
    description = "people called Oscar winners"

    def __init__(self):
        self.seen: list[str] = []

    def extract(self, ctx: ArticleContext):
        self.seen.append(ctx.article.id)
        self.mentions_before = list(ctx.mentions)
        for sent in ctx.doc.sents:
            marker = "Oscar winner "
            at = sent.text.find(marker)
            if at < 0:
                continue
            start = sent.start_char + at + len(marker)
            span = ctx.doc.char_span(start, start + len("Tom Hanks"))
            ev = ctx.evidence(sent, self.name, 0.75)
            person = Mention(span.text, "Person", span.start_char, span.end_char, ev)
            yield person
            film = Mention("Big", "Film", sent.text.find("Big") + sent.start_char, sent.text.find("Big") + sent.start_char + 3, ev)
            yield film
            yield Relation(person, "actsIn", film, ev)
            yield Relation(film, "releasedOn", DateValue("1988"), ev)
            yield ArticleMeta(author=person)


@pytest.fixture
def awards():
    """Registers the user extractor, and takes it out of the registry afterwards."""
    register(Awards)
    try:
        yield REGISTRY["awards"]
    finally:
        REGISTRY.pop("awards", None)
    assert list(REGISTRY) == BUILT_IN


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def test_user_extractor_is_registered_last(awards):
    assert list(REGISTRY) == BUILT_IN + ["awards"]
    assert isinstance(awards, Awards)
    assert get_extractors(["awards"]) == [awards]
    assert get_extractors()[-1] is awards


def test_register_returns_the_class_so_it_works_as_a_decorator():
    try:
        @register
        class Probe:
            name = "probe"
            description = "a probe"

            def extract(self, ctx):
                return []

        assert isinstance(Probe, type)
        assert isinstance(REGISTRY["probe"], Probe)
    finally:
        REGISTRY.pop("probe", None)


def test_user_extractor_runs_through_pipeline_extract(awards, nlp):
    text = "The ceremony was long. Oscar winner Tom Hanks starred in Big."
    article = Article("a.txt", text, "a.txt")
    facts = extract(article, nlp(text), get_extractors(["awards"]))
    assert awards.seen == ["a.txt"]
    assert [(m.text, m.cls, text[m.start:m.end]) for m in facts.mentions] == [
        ("Tom Hanks", "Person", "Tom Hanks"), ("Big", "Film", "Big"),
    ]
    assert [(r.subject.text, r.predicate, getattr(r.object, "text", r.object)) for r in facts.relations] == [
        ("Tom Hanks", "actsIn", "Big"), ("Big", "releasedOn", DateValue("1988")),
    ]
    evidence = facts.relations[0].evidence
    assert evidence.sentence == "Oscar winner Tom Hanks starred in Big."
    assert text[evidence.start:evidence.end] == evidence.sentence
    assert (evidence.extractor, evidence.confidence, evidence.article_id) == ("awards", 0.75, "a.txt")
    assert facts.meta.author is facts.mentions[0]


def test_later_extractors_see_earlier_mentions(awards, nlp):
    class Reader:
        name = "reader"
        description = "records what it sees"

        def extract(self, ctx):
            self.seen = [m.text for m in ctx.mentions]
            return []

    reader = Reader()
    text = "Oscar winner Tom Hanks starred in Big."
    extract(Article("b.txt", text, "b.txt"), nlp(text), [awards, reader])
    assert reader.seen == ["Tom Hanks", "Big"]


def test_no_extractors_give_no_facts(nlp):
    facts = extract(Article("c.txt", "Nothing here.", "c.txt"), nlp("Nothing here."), [])
    assert (facts.mentions, facts.relations, facts.meta) == ([], [], ArticleMeta())
