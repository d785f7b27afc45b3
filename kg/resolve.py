"""Merge mentions into one entity per real-world thing, within and across articles.

Takes every article's mentions and relations; gives ``Entity`` records (class, fullest
name as label, the other names as aliases, the evidence of each mention) and relations
between entities. The class of a name is decided by a confidence-weighted vote over all
its mentions (a gazetteer's "Instagram" outweighs NER's PERSON); names are then merged
when they fold to the same key, when a surname or first name stands for the one full name
that contains it ("Cruise" after "Tom Cruise"), when a place gazetteer maps them to one
place (Roma, Rome), or when a film is named by its subtitle.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from kg import geo
from kg.names import SUBTITLE_SEPARATORS, key, person_name_parts, reads_as_full_name, tidy
from kg.ontology import SIGNATURES
from kg.types import Article, ArticleMeta, DateValue, Evidence, Mention, Relation, shadowed

CLASS_PRIORITY = {c: n for n, c in enumerate(("Platform", "Franchise", "Film", "Organization", "Location", "Person"))}


@dataclass
class ArticleFacts:
    """What the extractors returned for one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    meta: ArticleMeta = field(default_factory=ArticleMeta)


@dataclass
class Entity:
    """One real-world thing: its class, names and the evidence of every mention."""

    id: str  # "Person:tomcruise": class and the key of its label
    cls: str
    label: str
    aliases: list[str]
    mentions: list[Evidence]


@dataclass(frozen=True)
class EntityRelation:
    """A relation between resolved entities (or an entity and a date)."""

    subject: str
    predicate: str
    object: str | DateValue
    evidence: Evidence


@dataclass
class Resolution:
    """All entities and relations of a build, and which entities each article mentions."""

    entities: dict[str, Entity]
    relations: list[EntityRelation]
    mentioned: dict[str, set[str]]  # article id -> entity ids
    authors: dict[str, tuple[str | None, str | None]]  # article id -> (author, publisher) ids


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def name_of(mention: Mention) -> str:
    """The display name a mention gives its entity."""
    return tidy(mention.text)


def group_key(cls: str, name: str) -> str:
    """The key names are grouped by: places by their canonical gazetteer name."""
    return key(geo.canonical_place(name)) if cls == "Location" else key(name)


def class_votes(facts: list[ArticleFacts]) -> dict[str, Counter]:
    """Folded name -> confidence-weighted votes of its mentions for each class."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for f in facts:
        parts = name_parts_in(f)
        for m in f.mentions:
            name = name_of(m)
            votes[key(name)][m.cls] += m.evidence.confidence
            if m.cls in ("Organization", "Location") and len(name.split()) == 1 and key(name) in parts:
                votes[key(name)]["Person"] += 1.0  # a lone surname of a person the article names in full
    return votes


def name_parts_in(f: ArticleFacts) -> set[str]:
    """Folded first and last names of the people an article names in full with a known
    first name (NER's person "Auckland Unlimited" lends "Auckland" no person reading)."""
    return {key(part) for part in person_name_parts(name_of(m) for m in f.mentions if m.cls == "Person" and reads_as_full_name(name_of(m)))}


def decide_class(votes: Counter, proposed: str, lone_person_part: bool) -> str:
    """The class one mention resolves to.

    The vote over all mentions of the name decides, so NER's slips are outvoted
    ("Instagram" as PERSON). A title keeps its class beside a well-supported other reading
    ("Oppenheimer" the film and the person's surname), and so does a surname beside a title.
    """
    winner = max(votes.items(), key=lambda item: (item[1], -CLASS_PRIORITY[item[0]]))[0]
    title = max(("Film", "Franchise"), key=lambda cls: votes[cls])
    if winner == "Organization" and votes[title] >= 0.5 * votes[winner]:
        winner = title  # NER calls many titles companies; a title cue is the better witness
    if proposed == winner:
        return winner
    if proposed in ("Film", "Franchise") and winner in ("Film", "Franchise", "Person") and votes[proposed] >= 0.5 * votes[winner]:
        return proposed
    if proposed == "Person" and winner in ("Film", "Franchise") and lone_person_part:
        return proposed
    return winner


Reading = tuple[str, str]  # (name, class) of a mention after the class vote


def resolve(facts: list[ArticleFacts], min_confidence: float = 0.0) -> Resolution:
    """Merge the mentions of every article into entities and map relations onto them."""
    facts = [
        ArticleFacts(
            f.article,
            [m for m in unshadowed([m for m in f.mentions if m.evidence.confidence >= min_confidence]) if key(name_of(m))],
            [r for r in f.relations if r.evidence.confidence >= min_confidence],
            f.meta,
        )
        for f in facts
    ]
    votes = class_votes(facts)
    uf = _UnionFind()
    names: dict[str, Counter] = defaultdict(Counter)  # node -> names used for it
    node_of: dict[tuple[str, Reading], str] = {}  # (article id, reading) -> node
    reading_of: dict[tuple[str, int], Reading] = {}  # (article id, id of mention) -> reading
    readings: dict[str, set[Reading]] = defaultdict(set)  # article id -> its readings

    def node(cls: str, name: str, article_id: str) -> str:
        if is_lone_name(cls, name):  # a surname is only known to mean a person within its article
            return f"{cls}:{group_key(cls, name)}@{article_id}"
        return f"{cls}:{group_key(cls, name)}"

    for f in facts:
        parts = name_parts_in(f)
        for m in f.mentions:
            name = name_of(m)
            cls = decide_class(votes[key(name)], m.cls, len(name.split()) == 1 and key(name) in parts)
            n = node(cls, name, f.article.id)
            uf.find(n)
            names[n][name] += 1
            node_of[(f.article.id, (name, cls))] = n
            reading_of[(f.article.id, id(m))] = (name, cls)
            readings[f.article.id].add((name, cls))
            if cls == "Location" and geo.lookup(name):
                names[n][geo.canonical_place(name)] += 0

    for merge in (_merge_short_person_names, _merge_film_subtitles, _merge_acronyms, _merge_company_short_names):
        merge(readings, node_of, uf)

    clusters: dict[str, Counter] = defaultdict(Counter)
    for n, counter in names.items():
        clusters[uf.find(n)].update(counter)
        clusters[uf.find(n)].update({name: 0 for name in counter})
    entities: dict[str, Entity] = {}
    cluster_entity: dict[str, str] = {}
    for root, counter in sorted(clusters.items()):
        cls = root.split(":", 1)[0]
        label = _fullest(cls, counter)
        entity_id = f"{cls}:{key(label)}"
        cluster_entity[root] = entity_id
        entity = entities.setdefault(entity_id, Entity(entity_id, cls, label, [], []))
        entity.aliases = sorted({*entity.aliases, *(n for n in counter if n != entity.label)})

    def entity_of(article_id: str, m: Mention) -> str | None:
        reading = reading_of.get((article_id, id(m)))
        if reading is None:  # a mention a relation made up without listing it: read it as named
            name = name_of(m)
            reading = next((r for r in readings[article_id] if r[0] == name and r[1] == m.cls), None) or next(
                (r for r in sorted(readings[article_id]) if r[0] == name), None)
        n = node_of.get((article_id, reading)) if reading else None
        return cluster_entity.get(uf.find(n)) if n else None

    mentioned: dict[str, set[str]] = defaultdict(set)
    relations: list[EntityRelation] = []
    authors: dict[str, tuple[str | None, str | None]] = {}
    for f in facts:
        aid = f.article.id
        for m in f.mentions:
            e = entity_of(aid, m)
            if e:
                entities[e].mentions.append(m.evidence)
                mentioned[aid].add(e)
        for r in f.relations:
            s = entity_of(aid, r.subject)
            o = r.object if isinstance(r.object, DateValue) else entity_of(aid, r.object)
            if s and o and s != o and _fits(r.predicate, entities[s].cls, None if isinstance(o, DateValue) else entities[o].cls):
                relations.append(EntityRelation(s, r.predicate, o, r.evidence))
        author = entity_of(aid, f.meta.author) if f.meta.author else None
        publisher = entity_of(aid, f.meta.publisher) if f.meta.publisher else None
        authors[aid] = (author, publisher)
    return Resolution(entities, relations, dict(mentioned), authors)


def unshadowed(mentions: list[Mention]) -> list[Mention]:
    """The mentions but NER's that another reading of the same words overrides
    (``kg.types.shadowed``: "Wakanda Forever" inside the title); readings from context are
    left to the class vote. Only mentions that overlap are compared."""
    by_start = sorted((m for m in mentions if m.evidence.extractor != "coref"), key=lambda m: m.start)
    starts = [m.start for m in by_start]
    longest = max((m.end - m.start for m in by_start), default=0)
    kept = []
    for m in mentions:
        nearby = by_start[bisect_left(starts, m.end - longest):bisect_right(starts, m.start)]
        if m.evidence.extractor != "ner" or not shadowed(m, nearby):
            kept.append(m)
    return kept


def _fits(predicate: str, subject_cls: str, object_cls: str | None) -> bool:
    """Whether a relation links the classes the ontology allows."""
    if predicate not in SIGNATURES:
        return False
    subjects, objects = SIGNATURES[predicate]
    if subject_cls not in subjects or (objects is None) != (object_cls is None):
        return False
    return objects is None or object_cls in objects


def _fullest(cls: str, counter: Counter) -> str:
    """The label of a cluster: the gazetteer's name for a place, else the fullest name."""
    if cls == "Location":
        for name in counter:
            place = geo.lookup(name)
            if place and place.name in counter:
                return place.name
    return max(counter, key=lambda n: (len(n.split()), len(key(n)), counter[n], n))


def is_lone_name(cls: str, name: str) -> bool:
    """A person called by one word ("Cruise"), who needs the article to say who it is."""
    return cls == "Person" and len(name.split()) == 1


def _merge_short_person_names(readings, node_of, uf) -> None:
    """A one-word person name joins the only full name that starts or ends with it:
    in its own article first, else across all articles; lone names that match no full
    name anywhere stay one person per name."""
    def full_names(pool: Iterable[Reading]) -> set[str]:
        return {name for name, cls in pool if cls == "Person" and len(name.split()) > 1}

    everywhere = full_names(r for rs in readings.values() for r in rs)
    for article_id, here in sorted(readings.items()):
        local = full_names(here)
        for name, cls in sorted(here):
            if cls != "Person" or len(name.split()) != 1:
                continue
            for pool in (local, everywhere):
                matches = {full for full in pool if key(name) in (key(full.split()[0]), key(full.split()[-1]))}
                if len(matches) == 1:
                    uf.union(node_of[(article_id, (name, cls))], f"Person:{key(matches.pop())}")
                    break
            else:
                if not any(key(name) in (key(full.split()[0]), key(full.split()[-1])) for full in everywhere):
                    uf.union(node_of[(article_id, (name, cls))], f"Person:{key(name)}")


def _merge_film_subtitles(readings, node_of, uf) -> None:
    """"Dead Reckoning" joins "Mission: Impossible – Dead Reckoning" in the same article, and
    a numbered sequel its subtitled name ("Pushpa 2" and "Pushpa 2: The Rule"); an
    unnumbered head is another film ("Black Panther", "Black Panther: Wakanda Forever")."""
    for article_id, here in readings.items():
        films = {name for name, cls in here if cls == "Film"}
        by_key = {key(n): n for n in films}
        for full in films:
            for separator in SUBTITLE_SEPARATORS:
                if separator in full:
                    head_text, subtitle_text = full.split(separator, 1)
                    numbered_head = key(head_text) if re.search(r"\s(\d{1,2}|[IVX]+)$", head_text) else None
                    for part in (key(subtitle_text), numbered_head):
                        if part in by_key and by_key[part] != full and len(part) > 3:
                            uf.union(node_of[(article_id, (by_key[part], "Film"))], node_of[(article_id, (full, "Film"))])


def acronym(title: str) -> str:
    """"Mission: Impossible 7" -> "mi7": initials of the words, then any number."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]*|\d+", title)
    letters = "".join(w[0] for w in words if not w.isdigit() and w.lower() not in ("of", "the", "a", "an", "and"))
    return (letters + "".join(w for w in words if w.isdigit())).lower()


def _merge_acronyms(readings, node_of, uf) -> None:
    """"M:I 7" and "MI7" join "Mission: Impossible 7" in the same article (films and franchises)."""
    for article_id, here in readings.items():
        titles = sorted((name, cls) for name, cls in here if cls in ("Film", "Franchise"))
        by_acronym: dict[Reading, str] = {}
        for title, cls in titles:
            if len(re.findall(r"[A-Za-z]+", title)) > 1 and key(title) != acronym(title):
                by_acronym.setdefault((acronym(title), cls), title)
        for title, cls in titles:
            full = by_acronym.get((key(title), cls))
            if full and full != title and len(key(title)) >= 2:
                uf.union(node_of[(article_id, (title, cls))], node_of[(article_id, (full, cls))])


CORPORATE_SUFFIXES = {"studios", "studio", "pictures", "entertainment", "films", "media", "group", "productions", "inc", "ltd", "llc", "corp", "company", "co"}


def _merge_company_short_names(readings, node_of, uf) -> None:
    """"Sony" joins "Sony Pictures" when the article names only one company that is the
    short name plus corporate words ("Sony Pictures Animation" is another company)."""
    for article_id, here in readings.items():
        orgs = {name for name, cls in here if cls == "Organization"}
        for short in orgs:
            words = short.lower().split()
            longer = [
                full for full in orgs
                if full.lower().split()[:len(words)] == words and len(full.split()) > len(words)
                and all(w.strip(".,") in CORPORATE_SUFFIXES for w in full.lower().split()[len(words):])
            ]
            if len(longer) == 1:
                uf.union(node_of[(article_id, (short, "Organization"))], node_of[(article_id, (longer[0], "Organization"))])
