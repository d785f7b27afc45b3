"""Counts that tell what a kg graph holds.

Takes a graph and gives a ``Stats`` record (entities per class, relations per name,
articles, evidence records, the most connected entities) and that record as text.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.ontology import CLASSES, KG, RELATIONS, SCHEMA
from kg.outputs.rdf import entity_network


@dataclass(frozen=True)
class Stats:
    """What a graph holds.

    Attributes:
        entities: Class local name -> number of entities, for each of ``CLASSES``.
        relations: Relation local name -> number of triples, for each of ``RELATIONS``.
        articles: Number of ``schema:NewsArticle`` nodes.
        evidence: Number of ``kg:Evidence`` records.
        top: The most connected entities as (label, class, degree), most first; the
            degree counts kg relations to other entities, both directions.
    """

    entities: dict[str, int]
    relations: dict[str, int]
    articles: int
    evidence: int
    top: tuple[tuple[str, str, int], ...]


def compute_stats(graph: Graph, top: int = 10) -> Stats:
    """Count what the graph holds.

    Args:
        graph: A kg graph.
        top: How many of the most connected entities to list (those with no relation
            at all are never listed).

    Returns:
        The counts.
    """
    network = entity_network(graph)
    ranked = sorted(
        ((-degree, network.nodes[node]["label"], node) for node, degree in network.degree() if degree),
    )[:top]
    return Stats(
        entities={name: _count_typed(graph, KG[name]) for name in CLASSES},
        relations={name: sum(1 for _ in graph.triples((None, KG[name], None))) for name in RELATIONS},
        articles=_count_typed(graph, SCHEMA.NewsArticle),
        evidence=_count_typed(graph, KG.Evidence),
        top=tuple((label, network.nodes[node]["class"], -negated) for negated, label, node in ranked),
    )


def format_stats(stats: Stats) -> str:
    """The counts as a text block, one section each for entities, relations and the top.

    Args:
        stats: What ``compute_stats`` returned.

    Returns:
        The text, ending with a newline.
    """
    lines = [f"articles  {stats.articles}", f"evidence  {stats.evidence}", ""]
    for title, counts in (("entities", stats.entities), ("relations", stats.relations)):
        width = max(len(name) for name in counts)
        lines.append(f"{title} ({sum(counts.values())})")
        lines += [f"  {name.ljust(width)}  {count:>6}" for name, count in counts.items()]
        lines.append("")
    lines.append(f"most connected ({len(stats.top)})")
    lines += [f"  {degree:>6}  {label} ({cls})" for label, cls, degree in stats.top]
    return "\n".join(lines) + "\n"


def _count_typed(graph: Graph, cls: URIRef) -> int:
    """Number of distinct nodes typed ``cls``."""
    return sum(1 for _ in graph.subjects(RDF.type, cls, unique=True))
