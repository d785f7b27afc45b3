"""kg.resolve: merging hand-made mentions into entities (no spaCy involved)."""
from __future__ import annotations

import pytest

from kg.resolve import ArticleFacts, Entity, Resolution, resolve
from kg.types import Article, ArticleMeta, DateValue, Evidence, Mention, Relation


class Facts:
    """A small builder: mentions and relations of one article, offsets counted as we go."""

    def __init__(self, article_id: str):
        self.article = Article(article_id, "", article_id)
        self.mentions: list[Mention] = []
        self.relations: list[Relation] = []
        self.meta = ArticleMeta()
        self.offset = 0

    def evidence(self, confidence: float, extractor: str) -> Evidence:
        return Evidence(self.article.id, f"Sentence {self.offset}.", self.offset, self.offset + 40, extractor, confidence)

    def mention(self, text: str, cls: str, confidence: float = 0.9, extractor: str = "ner") -> Mention:
        m = Mention(text, cls, self.offset, self.offset + len(text), self.evidence(confidence, extractor))
        self.offset += len(text) + 1
        self.mentions.append(m)
        return m

    def relation(self, subject: Mention, predicate: str, obj: Mention | DateValue, confidence: float = 0.9) -> Relation:
        r = Relation(subject, predicate, obj, self.evidence(confidence, "roles"))
        self.relations.append(r)
        return r

    def done(self) -> ArticleFacts:
        return ArticleFacts(self.article, self.mentions, self.relations, self.meta)


def article(article_id: str, *mentions: tuple) -> ArticleFacts:
    """An article with only mentions: each ``(text, cls)`` or ``(text, cls, confidence[, extractor])``."""
    f = Facts(article_id)
    for m in mentions:
        f.mention(*m)
    return f.done()


def by_label(resolution: Resolution) -> dict[str, Entity]:
    return {e.label: e for e in resolution.entities.values()}


def summary(resolution: Resolution) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(e.cls, e.label, tuple(e.aliases)) for e in resolution.entities.values()}


# --- person names ---------------------------------------------------------------------------

def test_surname_after_full_name_in_one_article():
    r = resolve([article("a1", ("Tom Cruise", "Person"), ("Cruise", "Person"), ("Cruise", "Person"))])
    assert summary(r) == {("Person", "Tom Cruise", ("Cruise",))}
    [entity] = r.entities.values()
    assert entity.id == "Person:tomcruise"
    assert len(entity.mentions) == 3
    assert r.mentioned == {"a1": {"Person:tomcruise"}}


def test_first_name_after_full_name_in_one_article():
    r = resolve([article("a1", ("Hayley Atwell", "Person"), ("Hayley", "Person"))])
    assert summary(r) == {("Person", "Hayley Atwell", ("Hayley",))}


def test_lone_surname_typed_org_by_ner_is_a_person_when_a_full_name_has_it():
    r = resolve([article("a1", ("Tom Cruise", "Person"), ("Cruise", "Organization", 0.8))])
    assert summary(r) == {("Person", "Tom Cruise", ("Cruise",))}


def test_lone_surname_in_another_article_merges_with_the_only_full_name():
    r = resolve([
        article("a1", ("Christopher McQuarrie", "Person")),
        article("a2", ("McQuarrie", "Person")),
    ])
    assert summary(r) == {("Person", "Christopher McQuarrie", ("McQuarrie",))}
    assert r.mentioned == {"a1": {"Person:christophermcquarrie"}, "a2": {"Person:christophermcquarrie"}}


def test_lone_surname_shared_by_two_full_names_stays_apart():
    r = resolve([
        article("a1", ("Christopher Nolan", "Person")),
        article("a2", ("Jonathan Nolan", "Person")),
        article("a3", ("Nolan", "Person")),
    ])
    assert summary(r) == {
        ("Person", "Christopher Nolan", ()),
        ("Person", "Jonathan Nolan", ()),
        ("Person", "Nolan", ()),
    }
    assert r.mentioned["a3"] == {"Person:nolan"}


def test_local_full_name_wins_over_an_ambiguous_surname_elsewhere():
    r = resolve([
        article("a1", ("Christopher Nolan", "Person"), ("Nolan", "Person")),
        article("a2", ("Jonathan Nolan", "Person")),
    ])
    labels = by_label(r)
    assert labels["Christopher Nolan"].aliases == ["Nolan"]
    assert labels["Jonathan Nolan"].aliases == []
    assert len(r.entities) == 2


def test_surnames_of_two_people_in_their_own_articles_stay_apart():
    r = resolve([
        article("a1", ("Christopher Nolan", "Person"), ("Nolan", "Person")),
        article("a2", ("Jonathan Nolan", "Person"), ("Nolan", "Person")),
    ])
    labels = by_label(r)
    assert set(labels) == {"Christopher Nolan", "Jonathan Nolan"}
    assert r.mentioned == {"a1": {"Person:christophernolan"}, "a2": {"Person:jonathannolan"}}


def test_ambiguous_surname_elsewhere_does_not_follow_another_articles_merge():
    r = resolve([
        article("a1", ("Christopher Nolan", "Person"), ("Nolan", "Person")),
        article("a2", ("Jonathan Nolan", "Person")),
        article("a3", ("Nolan", "Person")),
    ])
    assert r.mentioned["a3"] == {"Person:nolan"}


def test_variants_that_fold_alike_are_one_entity():
    r = resolve([
        article("a1", ("Penélope Cruz", "Person"), ("PENELOPE CRUZ", "Person")),
        article("a2", ("Penelope Cruz", "Person"), ("Penelope Cruz's", "Person")),
    ])
    [entity] = r.entities.values()
    assert entity.id == "Person:penelopecruz"
    assert {entity.label, *entity.aliases} == {"Penélope Cruz", "PENELOPE CRUZ", "Penelope Cruz"}


# --- the class vote --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "votes, expected",
    [
        pytest.param([("Person", 0.8, "ner"), ("Platform", 0.95, "gazetteer"), ("Platform", 0.95, "gazetteer")], "Platform", id="gazetteer-outweighs-ner"),
        pytest.param([("Person", 0.8, "ner"), ("Person", 0.8, "ner"), ("Person", 0.8, "ner"), ("Platform", 0.95, "gazetteer")], "Person", id="weight-decides"),
        pytest.param([("Person", 0.9, "ner"), ("Platform", 0.9, "gazetteer")], "Platform", id="tie-goes-to-the-more-specific-class"),
        pytest.param([("Organization", 0.6, "ner"), ("Film", 0.7, "titles")], "Film", id="film-over-org"),
    ],
)
def test_class_vote_across_articles(votes, expected):
    facts = [article(f"a{n}", ("Hulu", cls, confidence, extractor)) for n, (cls, confidence, extractor) in enumerate(votes)]
    r = resolve(facts)
    assert summary(r) == {(expected, "Hulu", ())}
    [entity] = r.entities.values()
    assert entity.id == f"{expected}:hulu"
    assert len(entity.mentions) == len(votes)  # every mention is evidence, whatever class it voted for
    assert all(ids == {f"{expected}:hulu"} for ids in r.mentioned.values())


# --- places ----------------------------------------------------------------------------------

def test_roma_and_rome_are_one_location_labelled_rome():
    r = resolve([article("a1", ("Roma", "Location")), article("a2", ("Rome", "Location"))])
    assert summary(r) == {("Location", "Rome", ("Roma",))}
    assert r.mentioned == {"a1": {"Location:rome"}, "a2": {"Location:rome"}}


def test_a_place_called_only_by_an_alias_gets_the_gazetteer_name():
    r = resolve([article("a1", ("Roma", "Location"))])
    assert summary(r) == {("Location", "Rome", ("Roma",))}


def test_a_borough_is_no_other_name_of_its_city():
    r = resolve([article("a1", ("Manhattan", "Location")), article("a2", ("New York City", "Location"))])
    assert summary(r) == {("Location", "Manhattan", ()), ("Location", "New York City", ())}


def test_unknown_place_keeps_its_name():
    r = resolve([article("a1", ("Qwxzyville", "Location"))])
    assert summary(r) == {("Location", "Qwxzyville", ())}


# --- film titles -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "full, subtitle",
    [
        ("Mission: Impossible – Dead Reckoning Part One", "Dead Reckoning Part One"),
        ("Star Wars: The Last Jedi", "The Last Jedi"),
        ("Harry Potter - Deathly Hallows", "Deathly Hallows"),
        ("Shazam! Fury of the Gods", "Fury of the Gods"),
        ("Aquaman and the Lost Kingdom", "Lost Kingdom"),
        ("Pushpa 2: The Rule", "Pushpa 2"),
    ],
)
def test_film_named_by_its_subtitle_after_its_full_title(full, subtitle):
    r = resolve([article("a1", (full, "Film", 0.9, "titles"), (subtitle, "Film", 0.9, "titles"))])
    assert summary(r) == {("Film", full, (subtitle,))}


def test_a_piece_of_a_title_that_ner_calls_a_person_is_no_person():
    f = Facts("a1")
    title = f.mention("Black Panther: Wakanda Forever", "Film", 0.6, "titles")
    f.mentions.append(Mention("Wakanda Forever", "Person", title.start + 15, title.end, f.evidence(0.8, "ner")))
    r = resolve([f.done()])
    assert summary(r) == {("Film", "Black Panther: Wakanda Forever", ())}


def test_subtitle_alone_in_another_article_stays_apart():
    r = resolve([
        article("a1", ("Star Wars: The Last Jedi", "Film")),
        article("a2", ("The Last Jedi", "Film")),
    ])
    assert len(r.entities) == 2


def test_very_short_subtitle_does_not_merge():
    r = resolve([article("a1", ("Alien: Run", "Film"), ("Run", "Film"))])
    assert len(r.entities) == 2


# --- confidence, signatures and relations -------------------------------------------------------

def test_min_confidence_drops_low_mentions_and_relations():
    f = Facts("a1")
    mcq = f.mention("Christopher McQuarrie", "Person", 0.9)
    film = f.mention("Mission: Impossible 7", "Film", 0.9, "titles")
    guess = f.mention("Norway", "Person", 0.3)  # a poor guess
    f.relation(mcq, "directs", film, 0.9)
    f.relation(mcq, "writes", film, 0.4)
    f.relation(guess, "actsIn", film, 0.9)  # its subject is dropped, so is it

    low = resolve([f.done()], min_confidence=0.0)
    assert len(low.entities) == 3
    assert {(x.subject, x.predicate) for x in low.relations} == {
        ("Person:christophermcquarrie", "directs"), ("Person:christophermcquarrie", "writes"), ("Person:norway", "actsIn"),
    }

    high = resolve([f.done()], min_confidence=0.5)
    assert set(high.entities) == {"Person:christophermcquarrie", "Film:missionimpossible7"}
    assert [(x.subject, x.predicate, x.object) for x in high.relations] == [
        ("Person:christophermcquarrie", "directs", "Film:missionimpossible7"),
    ]
    assert high.mentioned == {"a1": {"Person:christophermcquarrie", "Film:missionimpossible7"}}


def test_min_confidence_is_inclusive():
    r = resolve([article("a1", ("Tom Cruise", "Person", 0.5))], min_confidence=0.5)
    assert len(r.entities) == 1


@pytest.mark.parametrize(
    "subject, predicate, obj, kept",
    [
        (("Christopher McQuarrie", "Person"), "directs", ("Mission: Impossible 7", "Film"), True),
        (("Norway", "Location"), "directs", ("Mission: Impossible 7", "Film"), False),
        (("Christopher McQuarrie", "Person"), "directs", ("Norway", "Location"), False),
        (("Mission: Impossible 7", "Film"), "filmsIn", ("Norway", "Location"), True),
        (("Norway", "Location"), "filmsIn", ("Mission: Impossible 7", "Film"), False),
        (("Mission: Impossible 7", "Film"), "producedBy", ("Paramount", "Organization"), True),
        (("Paramount", "Organization"), "supports", ("Mission: Impossible 7", "Film"), True),
        (("Tom Cruise", "Person"), "postsOn", ("Instagram", "Platform"), True),
        (("Paramount", "Organization"), "postsOn", ("Instagram", "Platform"), True),
        (("Instagram", "Platform"), "postsOn", ("Tom Cruise", "Person"), False),
        (("Tom Cruise", "Person"), "worksFor", ("Paramount", "Organization"), True),
        (("Mission: Impossible 7", "Film"), "partOf", ("Mission: Impossible", "Franchise"), True),
        (("Oslo", "Location"), "locatedIn", ("Norway", "Location"), True),
        (("Mission: Impossible 7", "Film"), "releasedOn", DateValue("2021-11-19"), True),
        (("Tom Cruise", "Person"), "releasedOn", DateValue("2021"), False),
        pytest.param(
            ("Mission: Impossible 7", "Film"), "releasedOn", ("Norway", "Location"), False,
        ),
        (("Mission: Impossible 7", "Film"), "directs", DateValue("2021-11"), False),
    ],
)
def test_relations_must_fit_the_ontology_signature(subject, predicate, obj, kept):
    f = Facts("a1")
    s = f.mention(*subject)
    o = obj if isinstance(obj, DateValue) else f.mention(*obj)
    f.relation(s, predicate, o)
    r = resolve([f.done()])
    assert len(r.entities) == (1 if isinstance(obj, DateValue) else 2)  # the entities stay either way
    assert [x.predicate for x in r.relations] == ([predicate] if kept else [])


def test_relation_maps_onto_merged_entities_and_keeps_its_evidence():
    f = Facts("a1")
    f.mention("Mission: Impossible – Dead Reckoning", "Film", 0.9, "titles")
    cruise = f.mention("Tom Cruise", "Person")
    short = f.mention("Cruise", "Person")
    sub = f.mention("Dead Reckoning", "Film", 0.9, "titles")
    rel = f.relation(short, "actsIn", sub, 0.8)
    f.relation(cruise, "actsIn", sub, 0.7)
    r = resolve([f.done()])
    assert [(x.subject, x.predicate, x.object) for x in r.relations] == [
        ("Person:tomcruise", "actsIn", "Film:missionimpossibledeadreckoning"),
    ] * 2
    assert r.relations[0].evidence == rel.evidence


def test_relation_between_two_names_of_one_entity_is_dropped():
    f = Facts("a1")
    rome, roma = f.mention("Rome", "Location"), f.mention("Roma", "Location")
    f.relation(roma, "locatedIn", rome)
    r = resolve([f.done()])
    assert len(r.entities) == 1 and r.relations == []


def test_release_date_relation_keeps_its_date_value():
    f = Facts("a1")
    film = f.mention("Dune", "Film", 0.9, "titles")
    f.relation(film, "releasedOn", DateValue("2021-10-22"))
    [relation] = resolve([f.done()]).relations
    assert (relation.subject, relation.object) == ("Film:dune", DateValue("2021-10-22"))


def test_relation_with_an_unknown_predicate_is_dropped():
    f = Facts("a1")
    f.relation(f.mention("Tom Cruise", "Person"), "wins", f.mention("Top Gun", "Film"))
    assert resolve([f.done()]).relations == []


# --- which articles mention what; authors ------------------------------------------------------

def test_mentioned_by_article_and_authors():
    a1 = Facts("a1")
    a1.mention("Tom Cruise", "Person")
    a1.mention("Mission: Impossible 7", "Film", 0.9, "titles")
    author = a1.mention("Allie Gemmill", "Person", 0.9, "bio")
    publisher = a1.mention("Collider", "Organization", 0.9, "bio")
    a1.meta = ArticleMeta(author, publisher)
    a2 = Facts("a2")
    a2.mention("Cruise", "Person")
    a2.mention("Rome", "Location")
    a3 = Facts("a3")  # an article where nothing was found
    r = resolve([a1.done(), a2.done(), a3.done()])
    assert r.mentioned == {
        "a1": {"Person:tomcruise", "Film:missionimpossible7", "Person:alliegemmill", "Organization:collider"},
        "a2": {"Person:tomcruise", "Location:rome"},
    }
    assert r.authors == {
        "a1": ("Person:alliegemmill", "Organization:collider"),
        "a2": (None, None),
        "a3": (None, None),
    }


def test_names_that_fold_to_nothing_are_not_entities():
    r = resolve([article("a1", ("🎬🎬", "Film"), ("東京", "Location"), ("Tokyo", "Location"))])
    assert summary(r) == {("Location", "Tokyo", ())}


def test_resolution_does_not_depend_on_article_order():
    facts = [
        article("a1", ("Tom Cruise", "Person"), ("Cruise", "Person"), ("Roma", "Location")),
        article("a2", ("Rome", "Location"), ("Hulu", "Platform", 0.95, "gazetteer")),
        article("a3", ("Hulu", "Person", 0.8), ("McQuarrie", "Person")),
        article("a4", ("Christopher McQuarrie", "Person")),
    ]
    forward, backward = resolve(facts), resolve(facts[::-1])
    assert summary(forward) == summary(backward)
    assert forward.mentioned == backward.mentioned
