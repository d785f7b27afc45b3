"""kg: an offline knowledge-graph builder for film and TV news articles.

The small Python API::

    import kg
    graph = kg.build(["examples/articles"])          # an rdflib.Graph
    kg.write_graph(graph, "out/graph.ttl")           # ttl, nt, nq, trig, jsonld, graphml
    kg.write_html(graph, "out/graph.html")           # the self-contained network page
    for row in kg.run_query(graph, "SELECT ?p ?f WHERE { ?p kg:directs ?f }"):
        print(row.p, row.f)
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from rdflib import Graph

from kg.outputs.html import write_html
from kg.outputs.rdf import load_graph, write_graph
from kg.pipeline import Settings
from kg.query import run_query

__all__ = ["build", "Settings", "write_graph", "write_html", "load_graph", "run_query"]


def build(paths: Iterable[str | Path], **settings) -> Graph:
    """Build the knowledge graph of the articles under ``paths``.

    Args:
        paths: article files (.txt, .jsonl) and folders (read recursively).
        **settings: fields of ``kg.Settings`` (model, extractors, min_confidence, progress).

    Returns:
        The graph; see docs/model.md for its shape.
    """
    from kg import pipeline

    return pipeline.build(paths, Settings(**{"progress": False, **settings})).graph
