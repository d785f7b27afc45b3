"""SPARQL over a kg graph.

Takes a graph and the text of a query (every project prefix bound, so no ``PREFIX``
lines are needed) and gives the rdflib result, then that result as text: a table, the
SPARQL 1.1 CSV, TSV or JSON results formats, ``true``/``false`` or Turtle.
"""
from __future__ import annotations

from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import ConfigError, QueryError
from kg.ontology import PREFIXES
from kg.outputs.rdf import serialize

SELECT_FORMATS = ("table", "csv", "tsv", "json")
_NAMESPACES = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda n: -len(n[0]))
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_MAX_REASON = 100


def run_query(graph: Graph, text: str) -> Result:
    """Run a SPARQL query with every project prefix bound.

    Args:
        graph: The graph to query.
        text: The query; its own ``PREFIX`` lines take precedence over the project's.

    Returns:
        The rdflib result (``result.type`` is SELECT, ASK, CONSTRUCT or DESCRIBE).

    Raises:
        QueryError: The query does not parse (one line naming the line and column) or
            uses an unknown prefix.
    """
    try:
        query = prepareQuery(text, initNs=PREFIXES)
    except ParseBaseException as error:
        rest = error.pstr[error.loc:].split(maxsplit=1)
        reason = one_line(error.msg, None) + (f", found {rest[0]!r}" if rest else ", found the end")
        raise syntax_error(error.lineno, error.col, reason) from error
    except Exception as error:  # rdflib's algebra raises bare Exceptions ("Unknown namespace prefix")
        raise QueryError(f"SPARQL error: {one_line(str(error), None)}") from error
    try:
        return graph.query(query)
    except Exception as error:
        if "requiring a dataset" in str(error):
            raise QueryError(
                "the query uses GRAPH, and this graph has no named graphs: run it on the store "
                "(--store) or on a TriG or N-Quads file"
            ) from error
        raise


def one_line(text: str, limit: int | None = _MAX_REASON) -> str:
    """Text on one line (every run of whitespace as one space), cut after ``limit``
    characters (None: not cut)."""
    line = " ".join(text.split())
    return line if limit is None else line[:limit]


def syntax_error(line: int | str, column: int | str, reason: str) -> QueryError:
    """kg's one-line SPARQL syntax error: "SPARQL syntax error at line L, column C: reason",
    a reason over ``_MAX_REASON`` characters shortened with "…"."""
    reason = one_line(reason, None)
    if len(reason) > _MAX_REASON:
        reason = reason[: _MAX_REASON - 1] + "…"
    return QueryError(f"SPARQL syntax error at line {line}, column {column}: {reason}")


def format_result(result: Result, fmt: str = "table") -> str:
    """A query result as text.

    Args:
        result: What ``run_query`` returned.
        fmt: For SELECT one of ``SELECT_FORMATS``: ``table`` (aligned columns, IRIs
            shortened with the project prefixes, literals by their lexical form) or the
            W3C SPARQL 1.1 ``csv``, ``tsv`` and ``json`` results formats. ASK gives
            ``true`` or ``false`` and CONSTRUCT/DESCRIBE Turtle, whatever ``fmt``.

    Returns:
        The text, ending with a newline.

    Raises:
        ConfigError: ``fmt`` is not one of ``SELECT_FORMATS``.
    """
    if fmt not in SELECT_FORMATS:
        raise ConfigError(f"unknown result format {fmt!r}; valid formats: {', '.join(SELECT_FORMATS)}")
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return serialize(result.graph, "ttl")
    names = [str(var) for var in result.vars]
    rows = [[row[var] for var in result.vars] for row in result]
    if fmt == "table":
        return _table(names, rows)
    if fmt == "tsv":
        lines = ["\t".join(f"?{name}" for name in names)]
        lines += ["\t".join(_tsv_term(term) for term in row) for row in rows]
        return "\n".join(lines) + "\n"
    text = result.serialize(format=fmt, encoding="utf-8").decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def shorten(term: Node | None) -> str:
    """A term for people: ``id:person/tom-cruise``, a literal's lexical form, ``_:b0``.

    Args:
        term: An RDF term, or None for an unbound variable.

    Returns:
        The IRI with the longest matching project prefix (``<iri>`` if none matches),
        a blank node as ``_:label``, a literal by its lexical form, None as "".
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for namespace, prefix in _NAMESPACES:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _table(names: list[str], rows: list[list[Node | None]]) -> str:
    """Aligned columns under a header line and a separator of dashes."""
    cells = [[" ".join(shorten(term).split()) for term in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(names)]
    lines = [names, ["-" * width for width in widths]] + cells
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() + "\n"
        for line in lines
    )


def _tsv_term(term: Node | None) -> str:
    """A term in the Turtle syntax the W3C SPARQL TSV format asks for ("" if unbound)."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_TSV_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return term.n3()
