"""Reading and writing the graph file.

Takes an rdflib graph in the shape docs/model.md describes and gives it back as text in
one of ``FORMATS`` (RDF through rdflib, GraphML through networkx), as a file written
atomically, or as the entity network that GraphML and ``kg stats`` are built on;
``load_graph`` reads any of the usual RDF files back into a graph.
"""
from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, RDFS, NamespaceManager
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import ConfigError, InputError
from kg.ontology import BASE, CLASSES, KG, PREFIXES, RELATIONS, new_graph

FORMATS = {
    "ttl": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "nq": ("nquads", ".nq"),
    "trig": ("trig", ".trig"),
    "jsonld": ("json-ld", ".jsonld"),
    "graphml": ("graphml", ".graphml"),
}
GRAPH_IRI = URIRef(BASE + "graph")
"""The named graph that N-Quads and TriG exports put the triples in."""

_READERS = {  # file extension -> (rdflib parser, name for messages)
    ".ttl": ("turtle", "Turtle"),
    ".nt": ("nt", "N-Triples"),
    ".nq": ("nquads", "N-Quads"),
    ".trig": ("trig", "TriG"),
    ".jsonld": ("json-ld", "JSON-LD"),
    ".json": ("json-ld", "JSON-LD"),
    ".rdf": ("xml", "RDF/XML"),
    ".xml": ("xml", "RDF/XML"),
    ".n3": ("n3", "Notation3"),
}
_QUADS = {"nquads", "trig"}
_LINES = {"nt", "nquads"}
_CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_CLASS_NAMES = {KG[name]: name for name in CLASSES}
_RELATION_NAMES = {KG[name]: name for name in RELATIONS}


def serialize(graph: Graph, fmt: str) -> str:
    """The graph as text in one export format.

    Every format is deterministic: the triples are copied in sorted order (blank nodes
    relabelled canonically first) before rdflib writes them, and the line formats are
    sorted once more.

    Args:
        graph: The graph to export.
        fmt: A key of ``FORMATS``.

    Returns:
        The document; for GraphML the entity network, not the RDF triples.

    Raises:
        ConfigError: ``fmt`` is not a key of ``FORMATS``.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    rdf_format = FORMATS[fmt][0]
    if rdf_format == "graphml":
        return "\n".join(nx.generate_graphml(entity_network(graph))) + "\n"
    ordered = _sorted_copy(graph)
    if rdf_format in _QUADS:
        with _own_deprecations_ignored():
            text = _dataset(ordered).serialize(format=rdf_format)
    elif rdf_format == "json-ld":
        text = ordered.serialize(format="json-ld", context=_CONTEXT)
    else:
        text = ordered.serialize(format=rdf_format)
    if rdf_format in _LINES:
        text = "".join(line + "\n" for line in sorted(text.splitlines()) if line)
    return text


def serialize_graphs(graphs: dict[URIRef, Graph], fmt: str) -> str:
    """Named graphs as text in one export format, deterministic as ``serialize``.

    N-Quads and TriG keep every named graph; the other formats write their union.

    Args:
        graphs: Graph name -> graph (a store's ``named_graphs()``).
        fmt: A key of ``FORMATS``.

    Raises:
        ConfigError: ``fmt`` is not a key of ``FORMATS``.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    rdf_format = FORMATS[fmt][0]
    if rdf_format not in _QUADS:
        union = new_graph()
        for graph in graphs.values():
            for triple in graph:
                union.add(triple)
        return serialize(union, fmt)
    if rdf_format == "trig":  # rdflib's TriG writer orders graphs by hash: write graph by graph
        header = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(PREFIXES.items()))
        blocks = []
        for name in sorted(graphs):
            body = serialize(graphs[name], "ttl")
            if body.startswith("@prefix"):
                body = body.split("\n\n", 1)[1] if "\n\n" in body else ""
            blocks.append(f"{name.n3()} {{\n{body.strip(chr(10))}\n}}\n")
        return header + "\n" + "\n".join(blocks)
    dataset = Dataset()
    with _own_deprecations_ignored():
        for name in sorted(graphs):
            named = dataset.graph(name)
            for triple in graphs[name]:
                named.add(triple)
        text = dataset.serialize(format=rdf_format)
    return "".join(line + "\n" for line in sorted(text.splitlines()) if line)


def write_text(text: str, path: str | os.PathLike) -> None:
    """Write text to a file atomically (a temporary file beside it, then a rename);
    missing folders are created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def format_of(path: str | os.PathLike) -> str:
    """The key of ``FORMATS`` whose extension ``path`` has.

    Raises:
        ConfigError: No format has that extension.
    """
    path = Path(path)
    fmt = next((name for name, (_, ext) in FORMATS.items() if ext == path.suffix.lower()), None)
    if fmt is None:
        valid = ", ".join(ext for _, ext in FORMATS.values())
        raise ConfigError(f"{path}: unknown output extension {path.suffix!r}; valid: {valid}")
    return fmt


def write_graph(graph: Graph, path: str | os.PathLike, fmt: str | None = None) -> None:
    """Write the graph to a file atomically (a temporary file beside it, then a rename).

    Args:
        graph: The graph to write.
        path: The file to create or replace; missing folders are created.
        fmt: A key of ``FORMATS``; by default the one whose extension ``path`` has.

    Raises:
        ConfigError: The format is unknown; nothing is written then.
    """
    write_text(serialize(graph, fmt or format_of(path)), path)


def load_graph(path: str | os.PathLike) -> Graph:
    """Read a graph file, its format told by the extension.

    Args:
        path: A .ttl .nt .nq .trig .jsonld .json .rdf .xml or .n3 file; the named graphs
            of N-Quads and TriG are merged into one graph.

    Returns:
        A graph with every project prefix bound.

    Raises:
        InputError: The file is missing, has an unknown extension or does not parse.
    """
    path = Path(path)
    if path.suffix.lower() not in _READERS:
        raise InputError(
            f"{path}: unknown graph file extension {path.suffix!r}; valid: {', '.join(_READERS)}"
        )
    if not path.is_file():
        raise InputError(f"{path}: no such file (run `kg build` first?)")
    parser, name = _READERS[path.suffix.lower()]
    graph = new_graph()
    source = Dataset() if parser in _QUADS else graph
    _parse(source, path, parser, name)
    if source is not graph:
        for s, p, o, _ in source.quads((None, None, None, None)):
            graph.add((s, p, o))
    return graph


def load_dataset(path: str | os.PathLike) -> Dataset:
    """Read an N-Quads or TriG file keeping its named graphs; the default graph of queries
    is their union (as in the store).

    Raises:
        InputError: The file is missing, is no N-Quads or TriG file, or does not parse.
    """
    path = Path(path)
    parser, name = _READERS.get(path.suffix.lower(), (None, None))
    if parser not in _QUADS:
        raise InputError(f"{path}: not an N-Quads or TriG file")
    if not path.is_file():
        raise InputError(f"{path}: no such file (run `kg build` first?)")
    dataset = _new_dataset(default_union=True)
    _parse(dataset, path, parser, name)
    return dataset


def entity_network(graph: Graph) -> nx.MultiDiGraph:
    """The entities and the relations between them as a networkx graph.

    Nodes are entity IRIs (subjects typed with one of the six kg classes) with the
    attributes ``label``, ``class`` and, for a relation to a literal (``releasedOn``),
    an attribute named after the relation holding the lexical forms joined by ``"; "``.
    Every kg relation between two entities is an edge keyed and attributed ``relation``.

    Args:
        graph: A kg graph.

    Returns:
        The network, nodes and edges added in sorted order.
    """
    network = nx.MultiDiGraph()
    entities = sorted({s for cls in _CLASS_NAMES for s in graph.subjects(RDF.type, cls)})
    for entity in entities:
        classes = sorted(_CLASS_NAMES[c] for c in graph.objects(entity, RDF.type) if c in _CLASS_NAMES)
        labels = sorted(str(label) for label in graph.objects(entity, RDFS.label))
        facts: dict[str, str] = {}
        for relation, name in _RELATION_NAMES.items():
            values = sorted(str(o) for o in graph.objects(entity, relation) if isinstance(o, Literal))
            if values:
                facts[name] = "; ".join(values)
        label = labels[0] if labels else str(entity)
        network.add_node(str(entity), label=label, **{"class": "; ".join(classes)}, **facts)
    known = set(entities)
    edges = sorted(
        (s, name, o)
        for relation, name in _RELATION_NAMES.items()
        for s, o in graph.subject_objects(relation)
        if s in known and o in known
    )
    for s, name, o in edges:
        network.add_edge(str(s), str(o), key=name, relation=name)
    return network


@contextmanager
def _own_deprecations_ignored() -> Iterator[None]:
    """Silence the warnings rdflib 7.6 gives when it calls its own deprecated quad API."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"(Dataset\.\w+|ConjunctiveGraph) is deprecated", DeprecationWarning
        )
        yield


def _parse(target: Graph, path: Path, parser: str, name: str) -> None:
    """Parse the file into ``target`` (a graph or dataset) with the rdflib parser ``parser``.

    Raises:
        InputError: The file cannot be read, or does not parse as ``name`` says.
    """
    try:
        with _own_deprecations_ignored():
            target.parse(path, format=parser)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error
    except Exception as error:  # every rdflib parser raises error types of its own
        raise InputError(f"{path}: not valid {name}: {_reason(error)}") from error


def _reason(error: Exception) -> str:
    """The first line of a parser's message (with the line number, for Turtle and N3)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if isinstance(error, BadSyntax) and len(lines) > 1:  # "at line N of <uri>:" "Bad syntax (why) at ^ in:"
        return f"line {error.lines + 1}: {lines[1].removesuffix(' at ^ in:')}"
    return lines[0] if lines else type(error).__name__


def _sorted_copy(graph: Graph) -> Graph:
    """A copy of the graph with the project prefixes, triples added in N-Triples order."""
    has_blank = any(isinstance(term, BNode) for triple in graph for term in triple)
    source = to_canonical_graph(graph) if has_blank else graph
    copy = new_graph()
    for triple in sorted(source, key=lambda triple: tuple(term.n3() for term in triple)):
        copy.add(triple)
    return copy


def _dataset(graph: Graph) -> Dataset:
    """A dataset holding the graph's triples in the named graph ``GRAPH_IRI``."""
    dataset = _new_dataset()
    named = dataset.graph(GRAPH_IRI)
    for triple in graph:
        named.add(triple)
    return dataset


def _new_dataset(default_union: bool = False) -> Dataset:
    """An empty dataset with every project prefix bound (and rdflib's defaults dropped)."""
    dataset = Dataset(default_union=default_union)
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset
