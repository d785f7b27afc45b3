"""The kg vocabulary as a closed namespace, and every prefix the project binds.

A mistyped term (``KG.direct``) fails at import time instead of silently minting a new
IRI; ``ontology/kg.ttl`` is the OWL description of the same terms.
"""
from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

BASE = "https://example.org/kg/"
SCHEMA = Namespace("https://schema.org/")
ID = Namespace(BASE + "id/")
ARTICLE = Namespace(BASE + "article/")
EVIDENCE = Namespace(BASE + "evidence/")


class KG(DefinedNamespace):
    """Classes and properties of the kg ontology (``ontology/kg.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes: the six of the scoring contract, plus the evidence record
    Person: URIRef
    Film: URIRef
    Franchise: URIRef
    Location: URIRef
    Organization: URIRef
    Platform: URIRef
    Evidence: URIRef

    # relations between entities
    worksOn: URIRef
    directs: URIRef
    actsIn: URIRef
    writes: URIRef
    produces: URIRef
    producedBy: URIRef
    filmsIn: URIRef
    releasedOn: URIRef
    partOf: URIRef
    locatedIn: URIRef
    worksFor: URIRef
    supports: URIRef
    postsOn: URIRef

    # evidence properties
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractor: URIRef
    confidence: URIRef


CLASSES = ("Person", "Film", "Franchise", "Location", "Organization", "Platform")
RELATIONS = (
    "worksOn", "directs", "actsIn", "writes", "produces", "producedBy", "filmsIn",
    "releasedOn", "partOf", "locatedIn", "worksFor", "supports", "postsOn",
)

PREFIXES = {
    "kg": KG._NS,
    "rdf": RDF._NS,
    "rdfs": RDFS._NS,
    "owl": OWL._NS,
    "xsd": XSD._NS,
    "skos": SKOS._NS,
    "schema": SCHEMA,
    "prov": PROV._NS,
    "id": ID,
    "article": ARTICLE,
    "evidence": EVIDENCE,
}


def new_graph() -> Graph:
    """An empty graph with every project prefix bound (and rdflib's defaults dropped)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


# What each relation links: subject classes, object classes (None: a date literal).
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str] | None]] = {
    **{r: (frozenset({"Person"}), frozenset({"Film"})) for r in ("worksOn", "directs", "actsIn", "writes", "produces")},
    "producedBy": (frozenset({"Film"}), frozenset({"Organization"})),
    "filmsIn": (frozenset({"Film"}), frozenset({"Location"})),
    "releasedOn": (frozenset({"Film"}), None),
    "partOf": (frozenset({"Film"}), frozenset({"Franchise"})),
    "locatedIn": (frozenset({"Location"}), frozenset({"Location"})),
    "worksFor": (frozenset({"Person"}), frozenset({"Organization"})),
    "supports": (frozenset({"Organization"}), frozenset({"Film"})),
    "postsOn": (frozenset({"Person", "Organization"}), frozenset({"Platform"})),
}
