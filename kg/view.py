"""What the HTML view shows: the entity-level projection of a graph, and which part of it.

Takes an rdflib graph in the shape of ``docs/model.md`` and gives a ``GraphView`` of plain
Python values (entities with every name, facts with their evidence, articles), the
entity-level networkx projection of it, and the pure selections that ``kg view`` offers:
one class list, a focus entity with its neighbourhood, and the N most connected entities.
Nothing here draws or writes anything; ``kg.outputs.html`` does.
"""
from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.errors import InputError
from kg.ontology import CLASSES, KG, RELATIONS, SCHEMA


@dataclass(frozen=True)
class Evidence:
    """One sentence that states a fact."""

    article: str | None
    sentence: str
    confidence: float | None
    extractor: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Entity:
    """An entity: its IRI, class local name, label and every name (label first)."""

    iri: str
    cls: str
    label: str
    names: tuple[str, ...]
    mentions: tuple[str, ...] = ()  # IRIs of the articles that mention it


@dataclass(frozen=True)
class Fact:
    """A relation triple; ``obj`` is an entity IRI, or a literal's text when ``literal``."""

    subject: str
    relation: str
    obj: str
    literal: bool = False
    evidence: tuple[Evidence, ...] = ()

    @property
    def confidence(self) -> float | None:
        """The highest confidence of its evidence (None without evidence)."""
        values = [e.confidence for e in self.evidence if e.confidence is not None]
        return max(values) if values else None


@dataclass(frozen=True)
class Article:
    """A source article: IRI, identifier (file name or JSON Lines id), title, date, url."""

    iri: str
    identifier: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass
class GraphView:
    """The entities, facts and articles of a graph, and what a selection left out.

    Attributes:
        entities: entity IRI -> ``Entity``, in IRI order.
        facts: the relation triples whose subject is an entity, sorted.
        articles: article IRI -> ``Article``, in IRI order.
        total_entities: entities in the whole graph (before any selection).
        total_relations: entity-to-entity facts in the whole graph.
        notes: one line per selection applied, for the page's header.
        focus: the focus entity's IRI, when the view was focused.
    """

    entities: dict[str, Entity]
    facts: list[Fact]
    articles: dict[str, Article]
    total_entities: int = 0
    total_relations: int = 0
    notes: list[str] = field(default_factory=list)
    focus: str | None = None

    @property
    def relations(self) -> list[Fact]:
        """The facts between two shown entities (the edges of the network)."""
        return [f for f in self.facts if not f.literal and f.obj in self.entities]

    @property
    def left_out(self) -> int:
        """How many entities of the whole graph this view does not show."""
        return self.total_entities - len(self.entities)

    def network(self) -> nx.Graph:
        """The undirected entity-level projection: one node per entity, one edge per linked pair."""
        net = nx.Graph()
        for iri, entity in self.entities.items():
            net.add_node(iri, cls=entity.cls, label=entity.label)
        for fact in self.relations:
            if fact.subject != fact.obj:
                net.add_edge(fact.subject, fact.obj)
        return net


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _integer(value) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _first(values) -> str | None:
    found = sorted(str(v) for v in values)
    return found[0] if found else None


def read_view(graph: Graph) -> GraphView:
    """Project ``graph`` onto plain values: entities, relation facts with evidence, articles.

    Args:
        graph: a kg graph as ``docs/model.md`` describes.

    Returns:
        The whole ``GraphView`` (nothing left out). An entity typed with several classes
        takes the first of ``kg.ontology.CLASSES``; an entity without ``rdfs:label`` is
        named by the end of its IRI.
    """
    classes: dict[str, str] = {}
    for name in reversed(CLASSES):
        for node in graph.subjects(RDF.type, KG[name]):
            if isinstance(node, URIRef):
                classes[str(node)] = name

    def by_subject(predicate) -> dict[str, list]:
        table: dict[str, list] = defaultdict(list)
        for s, o in graph.subject_objects(predicate):
            table[str(s)].append(o)
        return table

    labels, alts, mentioned = by_subject(RDFS.label), by_subject(SKOS.altLabel), defaultdict(set)
    for article, node in graph.subject_objects(SCHEMA.mentions):
        mentioned[str(node)].add(str(article))

    # evidence records, one pass per property
    records = {str(e) for e in graph.subjects(RDF.type, KG.Evidence)}
    props = {name: by_subject(p) for name, p in (
        ("s", RDF.subject), ("p", RDF.predicate), ("o", RDF.object), ("a", PROV.wasDerivedFrom),
        ("text", KG.sentence), ("c", KG.confidence), ("x", KG.extractor),
        ("start", KG.startOffset), ("end", KG.endOffset))}
    evidence: dict[tuple, list[Evidence]] = defaultdict(list)
    for rec in records:
        s, p, o = (props[k].get(rec) for k in ("s", "p", "o"))
        if not (s and p and o):
            continue
        ev = Evidence(
            article=_first(props["a"].get(rec, ())),
            sentence=_first(props["text"].get(rec, ())) or "",
            confidence=_number(_first(props["c"].get(rec, ()))),
            extractor=_first(props["x"].get(rec, ())),
            start=_integer(_first(props["start"].get(rec, ()))),
            end=_integer(_first(props["end"].get(rec, ()))),
        )
        evidence[(str(s[0]), str(p[0]), str(o[0]))].append(ev)

    entities: dict[str, Entity] = {}
    for iri in sorted(classes):
        names = sorted({str(n) for n in labels.get(iri, ())})
        label = names[0] if names else iri.rstrip("/").rsplit("/", 1)[-1]
        others = sorted({str(n) for n in alts.get(iri, ())} - {label})
        entities[iri] = Entity(iri, classes[iri], label, (label, *others), tuple(sorted(mentioned.get(iri, ()))))

    facts = []
    for rel in RELATIONS:
        predicate = str(KG[rel])
        for s, o in graph.subject_objects(KG[rel]):
            s_iri = str(s)
            if s_iri not in entities:
                continue
            literal = isinstance(o, Literal)
            if not literal and str(o) not in entities:
                continue
            evs = sorted(evidence.get((s_iri, predicate, str(o)), ()),
                         key=lambda e: (-(e.confidence or 0), e.article or "", e.start or 0, e.sentence))
            facts.append(Fact(s_iri, rel, str(o), literal, tuple(evs)))
    facts.sort(key=lambda f: (f.subject, f.relation, f.obj))

    def texts(node, predicate):
        return _first(graph.objects(node, predicate))

    articles = {}
    for node in sorted(set(graph.subjects(RDF.type, SCHEMA.NewsArticle)), key=str):
        iri = str(node)
        articles[iri] = Article(
            iri=iri,
            identifier=texts(node, SCHEMA.identifier) or iri.rsplit("/", 1)[-1],
            title=texts(node, SCHEMA.name),
            date=texts(node, SCHEMA.datePublished),
            url=texts(node, SCHEMA.url),
        )
    view = GraphView(entities, facts, articles)
    view.total_entities, view.total_relations = len(entities), len(view.relations)
    return view


def find_entities(view: GraphView, name: str) -> list[str]:
    """The entities called ``name``: exact matches of any name first, else partial ones.

    Matching ignores case. Several matches come most connected first, then by label.

    Raises:
        InputError: no entity has a name equal to or containing ``name``; the message
            lists the closest names.
    """
    wanted = name.strip().casefold()
    if not wanted:
        raise InputError("empty entity name")
    degree = view.network().degree
    exact, partial = [], []
    for iri, entity in view.entities.items():
        folded = [n.casefold() for n in entity.names]
        if wanted in folded:
            exact.append(iri)
        elif any(wanted in n for n in folded):
            partial.append(iri)
    found = exact or partial
    if not found:
        names = sorted({n for e in view.entities.values() for n in e.names})
        close = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise InputError(f"no entity named {name!r}{hint}")
    return sorted(found, key=lambda iri: (-degree[iri], view.entities[iri].label.casefold(), iri))


def _restrict(view: GraphView, keep: set[str], notes: list[str]) -> GraphView:
    entities = {iri: e for iri, e in view.entities.items() if iri in keep}
    facts = [f for f in view.facts if f.subject in entities and (f.literal or f.obj in entities)]
    return replace(view, entities=entities, facts=facts, notes=list(notes))


def select(
    view: GraphView,
    *,
    focus: str | None = None,
    depth: int = 1,
    classes: list[str] | tuple[str, ...] | None = None,
    max_nodes: int | None = None,
) -> GraphView:
    """The part of ``view`` that ``kg view`` shows; pure (``view`` is not changed).

    Applied in this order: keep only ``classes``; keep the entities within ``depth`` links
    of the entity named ``focus`` (found with ``find_entities``, the best match; links in
    either direction, through the classes kept); keep the ``max_nodes`` most important
    (the focus first, then the nearest to it, then by degree in the whole graph, then by
    articles that mention them, then by label).

    Args:
        view: a ``GraphView`` from ``read_view``.
        focus: a name of the focus entity, or None.
        depth: how many links from the focus to follow (1 or more).
        classes: class local names to keep (``Person``, ``Film`` ...), or None for all.
        max_nodes: at most this many entities, or None.

    Returns:
        The selected ``GraphView``, with ``notes`` saying what each step left out.

    Raises:
        InputError: an unknown class, a depth below 1, a max_nodes below 1, or no entity
            with the focus name.
    """
    if depth < 1:
        raise InputError(f"depth must be 1 or more, not {depth}")
    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"max-nodes must be 1 or more, not {max_nodes}")
    degree = dict(view.network().degree)
    result = _restrict(view, set(view.entities), view.notes)
    if classes:
        by_fold = {c.casefold(): c for c in CLASSES}
        unknown = [c for c in classes if c.strip().casefold() not in by_fold]
        if unknown:
            raise InputError(f"unknown class {unknown[0]!r}; available: {', '.join(CLASSES)}")
        wanted = {by_fold[c.strip().casefold()] for c in classes}
        before = len(result.entities)
        result = _restrict(result, {iri for iri, e in result.entities.items() if e.cls in wanted}, result.notes)
        result.notes.append(f"classes {', '.join(c for c in CLASSES if c in wanted)}: "
                            f"{before - len(result.entities)} entities of other classes left out")
    distance: dict[str, int] = {}
    if focus is not None:
        center = find_entities(view, focus)[0]  # kept even when its class is not
        pool = _restrict(view, set(result.entities) | {center}, result.notes)
        distance = nx.single_source_shortest_path_length(pool.network(), center, cutoff=depth)
        before = len(pool.entities)
        result = _restrict(pool, set(distance), pool.notes)
        result.focus = center
        result.notes.append(f"focus on {view.entities[center].label}, depth {depth}: "
                            f"{before - len(result.entities)} entities further away left out")
    if max_nodes is not None and len(result.entities) > max_nodes:
        def rank(iri: str):
            e = result.entities[iri]
            return (distance.get(iri, 0), -degree.get(iri, 0), -len(e.mentions), e.label.casefold(), iri)

        keep = set(sorted(result.entities, key=rank)[:max_nodes])
        before = len(result.entities)
        result = _restrict(result, keep, result.notes)
        result.notes.append(f"max-nodes {max_nodes}: {before - max_nodes} less connected entities left out")
    return result
