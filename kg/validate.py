"""SHACL validation of a kg graph.

Takes a graph and a shapes file (by default ``ontology/shapes.ttl``) and gives a
``ValidationReport``: whether the graph conforms, every result as (focus node, path,
message) with IRIs shortened by the project prefixes, and a readable text.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF, SH

import kg
from kg.errors import ConfigError
from kg.outputs.rdf import load_graph
from kg.query import shorten

DEFAULT_SHAPES = Path(kg.__file__).parent.parent / "ontology" / "shapes.ttl"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph.

    Attributes:
        conforms: True if the graph has no violation.
        violations: One (focus node, path, message) per SHACL result, sorted; the path
            is "" for a result about the node itself.
        text: A readable summary: "conforms", or the count and one line per result.
    """

    conforms: bool
    violations: list[tuple[str, str, str]]
    text: str


def validate(graph: Graph, shapes_path: str | os.PathLike | None = None) -> ValidationReport:
    """Validate the graph against SHACL shapes, without inference.

    Args:
        graph: The graph to check; it is not changed.
        shapes_path: A Turtle (or other RDF) shapes file; by default ``DEFAULT_SHAPES``.

    Returns:
        The report.

    Raises:
        ConfigError: The shapes file does not exist.
        InputError: The shapes file does not parse.
    """
    path = Path(shapes_path) if shapes_path is not None else DEFAULT_SHAPES
    if not path.is_file():
        raise ConfigError(f"{path}: no such shapes file")
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=load_graph(path), inference="none")
    violations = sorted(
        (
            shorten(results.value(result, SH.focusNode)),
            shorten(results.value(result, SH.resultPath)),
            str(results.value(result, SH.resultMessage)
                or shorten(results.value(result, SH.sourceConstraintComponent))),
        )
        for result in results.subjects(RDF.type, SH.ValidationResult)
    )
    return ValidationReport(conforms=bool(conforms), violations=violations, text=_text(conforms, violations))


def _text(conforms: bool, violations: list[tuple[str, str, str]]) -> str:
    """"conforms", or the number of results then one indented line each."""
    if conforms:
        return "conforms\n"
    lines = [f"does not conform: {len(violations)} result{'s' * (len(violations) != 1)}"]
    for focus, path, message in violations:
        lines.append(f"  {focus} {path}: {message}" if path else f"  {focus}: {message}")
    return "\n".join(lines) + "\n"
