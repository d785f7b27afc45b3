"""Turn resolved entities, relations and articles into an rdflib Graph.

The only module that mints IRIs and rdflib terms. IRIs are readable and stable: an
entity's is its class and the slug of its label, an article's the slug of its id, and
an evidence record's a hash of what it records. See docs/model.md for the shape.

``to_graphs`` gives the named graphs the store keeps: one per article, named by the
article's IRI, with the article's node, the facts it states (entity types and relations)
and their evidence; and ``ENTITIES_GRAPH`` with the labels of every entity. ``to_graph``
is their union.
"""
from __future__ import annotations

import hashlib
from collections import Counter

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.names import slug
from kg.ontology import ARTICLE, BASE, EVIDENCE, ID, KG, SCHEMA, new_graph
from kg.resolve import Resolution
from kg.types import Article, DateValue, Evidence

DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}
ENTITIES_GRAPH = URIRef(BASE + "graph/entities")
"""The named graph of entity labels (``rdfs:label``, ``skos:altLabel``): they depend on
every article, so they belong to none."""


def date_literal(value: DateValue) -> Literal:
    """``2021-11-19`` as xsd:date, ``2021-11`` as xsd:gYearMonth, ``2021`` as xsd:gYear."""
    return Literal(value.iso, datatype=DATE_TYPES[len(value.iso)])


def confidence_literal(confidence: float) -> Literal:
    """A confidence as an xsd:decimal in canonical form, rounded to two places: ``0.9``,
    ``0.85``, ``1`` (the form an RDF store gives back, so the graph round-trips exactly)."""
    text = f"{confidence:.2f}".rstrip("0").rstrip(".")
    return Literal(text or "0", datatype=XSD.decimal)


def _unique_iris(paths: dict[str, str], namespace) -> dict[str, URIRef]:
    """One IRI per item from its readable path; a path two items share gets a hash of the item."""
    counts = Counter(paths.values())
    return {
        item: namespace[path if counts[path] == 1 else f"{path}-{hashlib.sha1(item.encode('utf-8')).hexdigest()[:8]}"]
        for item, path in paths.items()
    }


def _evidence(graph: Graph, s: URIRef, p: URIRef, o, article: URIRef, ev: Evidence) -> None:
    digest = hashlib.sha1("\x1f".join(map(str, (s, p, o, article, ev.start, ev.end, ev.extractor))).encode("utf-8"))
    node = EVIDENCE[digest.hexdigest()[:20]]
    confidence = confidence_literal(ev.confidence)
    old = graph.value(node, KG.confidence)
    if old is not None:
        if old.toPython() >= confidence.toPython():
            return
        graph.remove((node, KG.confidence, old))
    graph.add((node, RDF.type, KG.Evidence))
    graph.add((node, RDF.subject, s))
    graph.add((node, RDF.predicate, p))
    graph.add((node, RDF.object, o))
    graph.add((node, PROV.wasDerivedFrom, article))
    graph.add((node, KG.sentence, Literal(ev.sentence)))
    graph.add((node, KG.startOffset, Literal(ev.start)))
    graph.add((node, KG.endOffset, Literal(ev.end)))
    graph.add((node, KG.extractor, Literal(ev.extractor)))
    graph.add((node, KG.confidence, confidence))


def to_graphs(resolution: Resolution, articles: list[Article]) -> dict[URIRef, Graph]:
    """The knowledge graph of a build as named graphs, each with every project prefix bound.

    Args:
        resolution: Entities and relations merged over all articles.
        articles: The articles they were read from.

    Returns:
        One graph per article, keyed by the article's IRI: the article node (identifier,
        date, title, url, author, publisher, the entities it mentions), the type of every
        entity it mentions and every relation it states, as plain triples, and the
        evidence records of both. Then ``ENTITIES_GRAPH``: every entity's ``rdfs:label``
        and ``skos:altLabel``s.
    """
    entity_iri = _unique_iris({e.id: f"{e.cls.lower()}/{slug(e.label)}" for e in resolution.entities.values()}, ID)
    article_iri = _unique_iris({a.id: slug(a.id) for a in articles}, ARTICLE)
    graphs: dict[URIRef, Graph] = {}

    for article in articles:
        node = article_iri[article.id]
        graph = graphs[node] = new_graph()
        graph.add((node, RDF.type, SCHEMA.NewsArticle))
        graph.add((node, SCHEMA.identifier, Literal(article.id)))
        if article.date:
            graph.add((node, SCHEMA.datePublished, Literal(article.date.isoformat(), datatype=XSD.date)))
        if article.title:
            graph.add((node, SCHEMA.name, Literal(article.title)))
        if article.url:
            graph.add((node, SCHEMA.url, Literal(article.url)))
        for entity_id in resolution.mentioned.get(article.id, ()):
            graph.add((node, SCHEMA.mentions, entity_iri[entity_id]))
        author, publisher = resolution.authors.get(article.id, (None, None))
        if author:
            graph.add((node, SCHEMA.author, entity_iri[author]))
        if publisher:
            graph.add((node, SCHEMA.publisher, entity_iri[publisher]))

    labels = graphs[ENTITIES_GRAPH] = new_graph()
    for entity in resolution.entities.values():
        node = entity_iri[entity.id]
        cls = KG[entity.cls]
        labels.add((node, RDFS.label, Literal(entity.label)))
        for alias in entity.aliases:
            labels.add((node, SKOS.altLabel, Literal(alias)))
        for ev in entity.mentions:
            graph = graphs[article_iri[ev.article_id]]
            graph.add((node, RDF.type, cls))
            _evidence(graph, node, RDF.type, cls, article_iri[ev.article_id], ev)

    for relation in resolution.relations:
        s = entity_iri[relation.subject]
        p = KG[relation.predicate]
        o = date_literal(relation.object) if isinstance(relation.object, DateValue) else entity_iri[relation.object]
        graph = graphs[article_iri[relation.evidence.article_id]]
        graph.add((s, p, o))
        _evidence(graph, s, p, o, article_iri[relation.evidence.article_id], relation.evidence)
    return graphs


def union(graphs: dict[URIRef, Graph]) -> Graph:
    """Every triple of the named graphs in one graph, with the project prefixes bound."""
    graph = new_graph()
    for named in graphs.values():
        for triple in named:
            graph.add(triple)
    return graph


def to_graph(resolution: Resolution, articles: list[Article]) -> Graph:
    """The knowledge graph of a build in one graph: entities, relations, articles and
    evidence (the union of ``to_graphs``)."""
    return union(to_graphs(resolution, articles))
