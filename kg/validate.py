"""SHACL validation of a kg graph.

Takes a graph and a shapes file (by default ``ontology/shapes.ttl``) and gives a
``ValidationReport``: whether the graph conforms, every result as (focus node, path,
message) with IRIs shortened by the project prefixes, and a readable text.
``drop_violations`` takes the triples that break the shapes out of a build's named graphs
(``kg build --strict``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

import kg
from kg.errors import ConfigError
from kg.graph import union as union_of
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
    conforms, results = _run(graph, _shapes(shapes_path))
    rows = sorted(
        (
            shorten(results.value(result, SH.focusNode)),
            shorten(results.value(result, SH.resultPath)),
            _message(results, result),
            _value(results, result),
        )
        for result in results.subjects(RDF.type, SH.ValidationResult)
    )
    violations = [(focus, path, message) for focus, path, message, _ in rows]
    return ValidationReport(conforms=bool(conforms), violations=violations, text=_text(conforms, rows))


def _message(results: Graph, result) -> str:
    """The message of a result: its sh:resultMessage, else the constraint component it broke."""
    return str(results.value(result, SH.resultMessage) or shorten(results.value(result, SH.sourceConstraintComponent)))


def _value(results: Graph, result) -> str:
    """The offending value of a result, on one line; "" when there is none or it is the focus node."""
    value = results.value(result, SH.value)
    if value is None or value == results.value(result, SH.focusNode):
        return ""
    return " ".join(shorten(value).split())


def drop_violations(
    graphs: dict[URIRef, Graph], shapes_path: str | os.PathLike | None = None, rounds: int = 5
) -> list[tuple[tuple, str]]:
    """Take the triples that break the shapes out of named graphs, in place.

    For a result with a path and a value, the triple (focus, path, value) goes. Of too many
    values (sh:maxCount) the first in N-Triples order stays and the others go. For too few
    values (sh:minCount) and for a result about the node itself ("the subject of kg:directs
    must be a kg:Person"), the triples that made the node a target of the shape go (its
    rdf:type, or its kg:directs triples). Evidence records of a fact taken out go with
    it. Validation runs again until the union conforms (at most ``rounds`` times).

    Args:
        graphs: Graph name -> graph, as ``kg.graph.to_graphs`` gives.
        shapes_path: The shapes; by default ``DEFAULT_SHAPES``.
        rounds: How many times to validate at most.

    Returns:
        The triples taken out, each with the message of the shape it broke, sorted.
    """
    shapes = _shapes(shapes_path)
    left_out: dict[tuple, str] = {}
    for _ in range(rounds):
        union = union_of(graphs)
        conforms, results = _run(union, shapes)
        if conforms:
            break
        bad: dict[tuple, str] = {}
        for result in results.subjects(RDF.type, SH.ValidationResult):
            focus = results.value(result, SH.focusNode)
            path = results.value(result, SH.resultPath)
            value = results.value(result, SH.value)
            component = results.value(result, SH.sourceConstraintComponent)
            message = _message(results, result)
            if isinstance(path, URIRef) and value is not None:
                found = [(focus, path, value)] if (focus, path, value) in union else []
            elif isinstance(path, URIRef) and component == SH.MaxCountConstraintComponent:
                found = sorted(union.triples((focus, path, None)), key=lambda t: t[2].n3())[1:]
            elif isinstance(path, URIRef) and component != SH.MinCountConstraintComponent:
                found = list(union.triples((focus, path, None)))
            else:
                found = _target_triples(union, shapes, results.value(result, SH.sourceShape), focus)
            for triple in found:
                bad.setdefault(triple, message)
        if not bad:
            break
        for triple in list(bad):
            s, p, o = triple
            for record in union.subjects(RDF.subject, s):
                if (record, RDF.predicate, p) in union and (record, RDF.object, o) in union:
                    for evidence_triple in union.triples((record, None, None)):
                        bad.setdefault(evidence_triple, "")
        for graph in graphs.values():
            for triple in bad:
                graph.remove(triple)
        left_out.update((triple, message) for triple, message in bad.items() if message)
    return sorted(left_out.items(), key=lambda item: tuple(term.n3() for term in item[0]))


def _target_triples(graph: Graph, shapes: Graph, shape, focus) -> list[tuple]:
    """The triples that make ``focus`` a target of ``shape`` (or of the node shape a
    property shape belongs to)."""
    node_shapes = [shape] + list(shapes.subjects(SH.property, shape))
    found = []
    for node_shape in node_shapes:
        for p in shapes.objects(node_shape, SH.targetSubjectsOf):
            found += graph.triples((focus, p, None))
        for p in shapes.objects(node_shape, SH.targetObjectsOf):
            found += graph.triples((None, p, focus))
        for cls in shapes.objects(node_shape, SH.targetClass):
            found += graph.triples((focus, RDF.type, cls))
    return found


def _shapes(shapes_path: str | os.PathLike | None) -> Graph:
    path = Path(shapes_path) if shapes_path is not None else DEFAULT_SHAPES
    if not path.is_file():
        raise ConfigError(f"{path}: no such shapes file")
    return load_graph(path)


def _run(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    return bool(conforms), results


def _text(conforms: bool, rows: list[tuple[str, str, str, str]]) -> str:
    """"conforms", or the number of results then one indented line each: the focus node,
    the path and the offending value when there are some, then the message."""
    if conforms:
        return "conforms\n"
    lines = [f"does not conform: {len(rows)} result{'s' * (len(rows) != 1)} (focus node, path, value: message)"]
    for focus, path, message, value in rows:
        where = " ".join(part for part in (focus, path, value) if part)
        lines.append(f"  {where}: {message}")
    return "\n".join(lines) + "\n"
