"""Score a graph against gold annotations, as the scoring contract does.

Takes a gold file in the contract's JSON Lines format (``../shared/eval/README.md``) and
any rdflib graph, and gives a ``Score``: entity and relation true positives, false
positives and misses with precision, recall and F1 in total, per class and per relation,
and the lists of missed and false entities and relations. The matching is exactly that
of the reference scorer ``../shared/eval/score.py``, so both give the same numbers:

- a node is an IRI typed with one of the six classes (compared by local name); its names
  are its ``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``, ``schema:name`` and
  ``schema:alternateName`` values, the first two tried first;
- a node matches the first gold entity of one of its classes (in gold order) that has a
  name equal to one of the node's names after ``kg.names.key``;
- one gold entity counts once: a second node for it is a false hit, and the node whose
  first name matches the gold label exactly is the one kept;
- a relation is a triple whose predicate has one of the relation local names; it is a
  hit when both ends are gold entities (a literal by its lexical form) and the gold holds
  that triple; optional gold entities and triples are neither hits nor misses.

One difference, in reproducibility only: where score.py takes a node's several preferred
names (or several other names), and lists the relations with an end outside the gold, in
the order rdflib's store happens to hold them (which changes from one process to the
next), this module sorts them. On a graph whose nodes have one ``rdfs:label`` each, as
kg's have, the two agree on every count; the reports differ at most in the order of the
"an end is no gold entity" lines.
"""
from __future__ import annotations

import json
import os
import re
import warnings
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import InputError
from kg.names import key
from kg.ontology import CLASSES, RELATIONS

_SCHEMA = ("http://schema.org/", "https://schema.org/")
NAME_PREDICATES = frozenset(
    {str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel)}
    | {ns + name for ns in _SCHEMA for name in ("name", "alternateName")}
)
"""The predicates whose literal values name a node."""
_PREFERRED = (RDFS.label, SKOS.prefLabel)


@dataclass(frozen=True)
class GoldEntity:
    """One gold entity, merged over every article that lists it.

    Attributes:
        label: The gold label (what gold triples name it by).
        type: One of ``kg.ontology.CLASSES``.
        names: The label and every alias given in any article.
        optional: True only when every article marks it optional.
    """

    label: str
    type: str
    names: frozenset[str]
    optional: bool


class GoldTriple(NamedTuple):
    """A gold relation; ``o`` is a gold label, or a lexical form when ``literal``."""

    s: str
    p: str
    o: str
    literal: bool


@dataclass(frozen=True)
class Gold:
    """The union of the gold annotations of every article of a gold file.

    Attributes:
        entities: Gold label -> entity, in the order the file first names them.
        triples: Gold triple -> True when optional (in every article that gives it).
        articles: How many article lines the file has.
    """

    entities: dict[str, GoldEntity]
    triples: dict[GoldTriple, bool]
    articles: int = 0


@dataclass(frozen=True)
class Counts:
    """Hits, false hits and misses, with the measures the contract reports.

    Precision, recall and F1 are rounded to four places, as the reference scorer's are.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return round(self._precision(), 4)

    @property
    def recall(self) -> float:
        return round(self._recall(), 4)

    @property
    def f1(self) -> float:
        p, r = self._precision(), self._recall()
        return round(2 * p * r / (p + r) if p + r else 0.0, 4)

    def as_dict(self) -> dict:
        """The counts and measures as the reference scorer writes them in JSON."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}

    def _precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    def _recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


@dataclass(frozen=True)
class Score:
    """How a graph compares with the gold.

    Attributes:
        entities: Totals over every class.
        relations: Totals over every relation.
        entities_by_class: Class -> counts, sorted, for classes with any count.
        relations_by_name: Relation -> counts, sorted, for relations with any count.
        missed_entities: ``"Class 'label'"`` for each gold entity no node matches.
        false_entities: Each node that matches no gold entity, or a second node for one.
        missed_relations: Each gold triple the graph does not hold.
        false_relations: Each graph relation the gold does not hold.
    """

    entities: Counts
    relations: Counts
    entities_by_class: dict[str, Counts]
    relations_by_name: dict[str, Counts]
    missed_entities: tuple[str, ...] = ()
    false_entities: tuple[str, ...] = ()
    missed_relations: tuple[str, ...] = ()
    false_relations: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """The score in the shape of the reference scorer's ``--json`` output."""
        return {
            "entities": self.entities.as_dict(),
            "relations": self.relations.as_dict(),
            "entities_by_class": {c: m.as_dict() for c, m in self.entities_by_class.items()},
            "relations_by_name": {r: m.as_dict() for r, m in self.relations_by_name.items()},
            "missed_entities": list(self.missed_entities),
            "false_entities": list(self.false_entities),
            "missed_relations": list(self.missed_relations),
            "false_relations": list(self.false_relations),
        }


def load_gold(path: str | os.PathLike) -> Gold:
    """Read a gold file: one JSON object per line, one line per article.

    Args:
        path: The gold file (see the scoring contract for the format).

    Returns:
        The union of the entities and triples of every article.

    Raises:
        InputError: The file cannot be read, or a line is not a valid gold record
            (the message names the file and the line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such gold file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from error
    entities: dict[str, dict] = {}
    triples: dict[GoldTriple, bool] = {}
    articles = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: not valid JSON: {error.msg} (column {error.colno})") from error
        if not isinstance(doc, dict):
            raise InputError(f"{where}: expected a JSON object with 'entities' and 'triples'")
        articles += 1
        for e in _records(doc, "entities", where):
            label, cls = _text(e, "label", where), _text(e, "type", where)
            if cls not in CLASSES:
                raise InputError(f"{where}: {label!r} has unknown type {cls!r}; valid: {', '.join(CLASSES)}")
            aliases = e.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise InputError(f"{where}: the aliases of {label!r} must be a list of strings")
            cur = entities.setdefault(label, {"type": cls, "names": set(), "optional": True})
            if cur["type"] != cls:
                raise InputError(f"{where}: {label!r} is {cls} here, {cur['type']} before")
            cur["names"] |= {label, *aliases}
            cur["optional"] = cur["optional"] and bool(e.get("optional"))
        for t in _records(doc, "triples", where):
            s, p, o = _text(t, "s", where), _text(t, "p", where), _text(t, "o", where)
            if p not in RELATIONS:
                raise InputError(f"{where}: unknown relation {p!r}; valid: {', '.join(RELATIONS)}")
            k = GoldTriple(s, p, o, bool(t.get("literal")))
            triples[k] = triples.get(k, True) and bool(t.get("optional"))
    return Gold(
        {label: GoldEntity(label, e["type"], frozenset(e["names"]), e["optional"]) for label, e in entities.items()},
        triples,
        articles,
    )


def score(graph: Graph, gold: Gold) -> Score:
    """Compare a graph with the gold as the scoring contract says.

    Args:
        graph: Any rdflib graph; a ``Dataset`` is read as the union of its graphs.
        gold: What ``load_gold`` returned.

    Returns:
        The counts, measures and lists of misses and false hits.
    """
    by_key: dict[str, list[str]] = defaultdict(list)  # one name may name entities of two classes
    for label, e in gold.entities.items():
        for name in e.names:
            if label not in by_key[key(name)]:
                by_key[key(name)].append(label)

    types: dict[URIRef, set[str]] = defaultdict(set)
    preferred: dict[URIRef, set[str]] = defaultdict(set)
    other: dict[URIRef, set[str]] = defaultdict(set)
    relations: list[tuple] = []
    for s, p, o in _triples(graph):
        if not isinstance(s, URIRef):
            continue
        if p == RDF.type and _local_name(o) in CLASSES:
            types[s].add(_local_name(o))
        elif str(p) in NAME_PREDICATES and isinstance(o, Literal):
            (preferred if p in _PREFERRED else other)[s].add(str(o))
        elif _local_name(p) in RELATIONS:
            relations.append((s, p, o))
    # preferred names first, so a node is matched by its main label when it can be;
    # sorted within each group so that the outcome never depends on the store's order
    names: dict[URIRef, list[str]] = {
        node: sorted(preferred.get(node, ())) + sorted(other.get(node, set()) - preferred.get(node, set()))
        for node in preferred.keys() | other.keys()
    }

    def first_name(node) -> str:
        return (names.get(node) or [str(node)])[0]

    node_gold: dict[URIRef, str | None] = {}
    for node, node_types in types.items():
        match = None
        for name in names.get(node, []):
            match = next((label for label in by_key.get(key(name), []) if gold.entities[label].type in node_types), None)
            if match:
                break
        node_gold[node] = match

    # entities: the node named exactly like its gold entity is the one kept
    def primary_first(item):
        node, label = item
        exact = label is not None and key((names.get(node) or [""])[0]) == key(label)
        return (not exact, str(node))

    ent = {c: [0, 0, 0] for c in CLASSES}  # tp, fp, fn
    seen: set[str] = set()
    false_entities, missed_entities = [], []
    for node, label in sorted(node_gold.items(), key=primary_first):
        cls = sorted(types[node])[0]
        if label is None:
            ent[cls][1] += 1
            false_entities.append(f"{cls} {first_name(node)!r} ({node})")
        elif label in seen:
            ent[cls][1] += 1
            false_entities.append(f"{cls} {first_name(node)!r} ({node}) is a second node for {label!r}")
        else:
            seen.add(label)
            if not gold.entities[label].optional:
                ent[gold.entities[label].type][0] += 1
    for label, e in gold.entities.items():
        if not e.optional and label not in seen:
            ent[e.type][2] += 1
            missed_entities.append(f"{e.type} {label!r}")

    # relations
    predicted: set[GoldTriple] = set()
    rel = {r: [0, 0, 0] for r in RELATIONS}
    false_relations = []
    for s, p, o in sorted(relations, key=lambda triple: tuple(term.n3() for term in triple)):
        name = _local_name(p)
        gs = node_gold.get(s)
        go, literal = (str(o), True) if isinstance(o, Literal) else (node_gold.get(o), False)
        if gs is None or go is None:
            rel[name][1] += 1
            oname = str(o) if literal else first_name(o)
            false_relations.append(f"{first_name(s)!r} {name} {oname!r} (an end is no gold entity)")
            continue
        predicted.add(GoldTriple(gs, name, go, literal))
    for t in sorted(predicted):
        if t in gold.triples:
            if not gold.triples[t]:
                rel[t.p][0] += 1
        else:
            rel[t.p][1] += 1
            false_relations.append(f"{t.s!r} {t.p} {t.o!r}")
    missed_relations = []
    for t, optional in sorted(gold.triples.items()):
        if not optional and t not in predicted:
            rel[t.p][2] += 1
            missed_relations.append(f"{t.s!r} {t.p} {t.o!r}")

    def table(counts: dict[str, list[int]]) -> dict[str, Counts]:
        return {name: Counts(*c) for name, c in sorted(counts.items()) if any(c)}

    def total(counts: dict[str, list[int]]) -> Counts:
        return Counts(*(sum(c[i] for c in counts.values()) for i in range(3)))

    return Score(
        entities=total(ent),
        relations=total(rel),
        entities_by_class=table(ent),
        relations_by_name=table(rel),
        missed_entities=tuple(missed_entities),
        false_entities=tuple(false_entities),
        missed_relations=tuple(missed_relations),
        false_relations=tuple(false_relations),
    )


def summary_line(result: Score) -> str:
    """The one-line summary, in the reference scorer's words."""
    e, r = result.entities, result.relations
    return (
        f"entity P/R/F1 {e.precision:.2f}/{e.recall:.2f}/{e.f1:.2f}  "
        f"relation P/R/F1 {r.precision:.2f}/{r.recall:.2f}/{r.f1:.2f}"
    )


def format_report(result: Score, misses: bool = True) -> str:
    """The score as text: the tables per class and per relation, the lists, the summary.

    With ``misses`` the text is the reference scorer's report, line for line.

    Args:
        result: What ``score`` returned.
        misses: List every missed and false entity and relation.

    Returns:
        The text, its last line the summary (no newline at the end).
    """
    lines = []
    for title, rows in (("entities", result.entities_by_class), ("relations", result.relations_by_name)):
        lines.append(f"{title:<14} {'P':>6} {'R':>6} {'F1':>6}  tp fp fn")
        for name, m in rows.items():
            lines.append(f"  {name:<12} {m.precision:6.2f} {m.recall:6.2f} {m.f1:6.2f}  {m.tp} {m.fp} {m.fn}")
        lines.append("")
    if misses:
        for title in ("missed_entities", "false_entities", "missed_relations", "false_relations"):
            items = getattr(result, title)
            if items:
                lines.append(title.replace("_", " ") + ":")
                lines += [f"  {item}" for item in items]
    lines.append(summary_line(result))
    return "\n".join(lines)


def _local_name(term) -> str:
    """The part of an IRI after its last ``#`` or ``/`` (trailing ones ignored)."""
    return re.split(r"[#/]", str(term).rstrip("/#"))[-1]


def _triples(graph: Graph) -> Iterator[tuple]:
    """Every triple of the graph; of every named graph too for a non-union ``Dataset``."""
    if not isinstance(graph, Dataset) or graph.default_union:
        yield from graph.triples((None, None, None))
        return
    with warnings.catch_warnings():  # rdflib 7.6 warns about its own quad API
        warnings.simplefilter("ignore", DeprecationWarning)
        quads = list(graph.quads((None, None, None, None)))
    yield from dict.fromkeys((s, p, o) for s, p, o, _ in quads)


def _records(doc: dict, field: str, where: str) -> list[dict]:
    """The list ``doc[field]``, every item a JSON object."""
    items = doc.get(field)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputError(f"{where}: {field!r} must be a list of JSON objects")
    return items


def _text(record: dict, field: str, where: str) -> str:
    """The string ``record[field]``."""
    value = record.get(field)
    if not isinstance(value, str) or not value:
        raise InputError(f"{where}: every item needs a non-empty string {field!r}; got {record}")
    return value
