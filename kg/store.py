"""The persistent store: the graph on disk, and what the extractors found in every article.

A store is a folder (``output/store`` by default)::

    store/
      oxigraph/        the quads, in Oxigraph's on-disk database: one named graph per
                       article (named by the article's IRI), one of entity labels, and
                       their union as the default graph
      articles.jsonl   a header line with the store's settings, then one line per article:
                       id, content hash, the file it was read from, the extraction
                       fingerprint and the mentions, relations and meta its extractors gave
      graphs.json      the digest of every named graph as last written (removed while a
                       write is under way, so a crash leaves no stale digest behind)

``articles.jsonl`` is the truth and the quads are derived from it: ``kg.pipeline`` re-resolves
every stored article after each change and hands the named graphs to ``GraphStore.replace``,
which rewrites the graphs whose digest changed and drops the others, in one transaction.
Reading goes through Oxigraph's SPARQL engine; queries see the union in the default graph
and each article's graph with ``GRAPH``. Results come back as rdflib objects, so
``kg.query.format_result`` and the rest of kg work on them unchanged.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.query import Result

from kg.errors import InputError, QueryError, StoreError
from kg.outputs.rdf import serialize, write_text
from kg.ontology import CLASSES, PREFIXES, RELATIONS, new_graph
from kg.query import one_line, syntax_error
from kg.resolve import ArticleFacts
from kg.types import Article, ArticleMeta, DateValue, Evidence, Mention, Relation

FORMAT = 1
"""The version of the store layout; a store of another version is refused."""
OXIGRAPH_DIR = "oxigraph"
RECORDS_FILE = "articles.jsonl"
DIGESTS_FILE = "graphs.json"
DEFAULT_KEY = ""
"""The key of the default graph's digest in ``graphs.json``."""
OX_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
TRIG_PREFIXES = {prefix: namespace for prefix, namespace in OX_PREFIXES.items() if prefix != "id"}
"""Prefixes of TriG exports; entity IRIs are written whole (``id:film/x`` is no prefixed name)."""
_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = str(RDF.langString)


@dataclass
class ArticleRecord:
    """One stored article: what its extractors returned and how to know it again.

    Attributes:
        facts: The mentions, relations and meta of the article; ``facts.article.text``
            is empty (the text itself is not kept, its hash is).
        content_hash: SHA-256 of the article as read (id, text, date, title, url).
        fingerprint: What extracted it (``kg.pipeline.extraction_fingerprint``): the same
            article read by another model or extractor code is extracted again.
        file: The absolute path of the file it was read from.
    """

    facts: ArticleFacts
    content_hash: str
    fingerprint: str
    file: str

    @property
    def id(self) -> str:
        return self.facts.article.id


@dataclass
class StoreSettings:
    """Settings a store remembers for the builds and removals that follow.

    Attributes:
        min_confidence: Facts below this confidence stay out of the graph.
        strict: Triples that break the SHACL shapes stay out of the graph.
    """

    min_confidence: float = 0.5
    strict: bool = False


@dataclass
class Changes:
    """What ``GraphStore.replace`` did: named graphs written anew and dropped."""

    written: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def content_hash(article: Article) -> str:
    """SHA-256 of what identifies an article's content: its id, text, date, title and url."""
    fields = [article.id, article.text, article.date.isoformat() if article.date else None, article.title, article.url]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


_WRITING: set[Path] = set()
"""Databases this process has open for writing."""


def _written_elsewhere(database: Path) -> bool:
    """Whether another process holds the write lock of an Oxigraph database (RocksDB's
    ``LOCK`` file). Oxigraph's read-only opening is not safe beside a writer, so readers ask
    first. The probe takes the lock for an instant and only where this process does not
    write: closing any descriptor of a locked file drops the process's own lock."""
    lock = database / "LOCK"
    if database.resolve() in _WRITING or not lock.is_file():
        return False
    try:
        import fcntl
    except ImportError:  # not POSIX: no probe
        return False
    with open(lock, "rb+") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN)
    return False


def is_store(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a kg store folder (it holds an ``articles.jsonl`` or an Oxigraph database)."""
    path = Path(path)
    return (path / RECORDS_FILE).is_file() or (path / OXIGRAPH_DIR / "CURRENT").is_file()


class GraphStore:
    """A kg store opened for reading or writing. Use ``GraphStore.open``; close it (or use
    it as a context manager) to release the database lock."""

    def __init__(self, path: Path, database: ox.Store, read_only: bool):
        self.path = path
        self.read_only = read_only
        self._db: ox.Store | None = database
        self._records: dict[str, ArticleRecord] | None = None
        self._settings: StoreSettings | None = None

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, read_only: bool = False) -> GraphStore:
        """Open the store in ``path``.

        Args:
            path: The store folder.
            create: Make an empty store if there is none (only when not ``read_only``).
            read_only: Open without taking the write lock (for queries and exports).

        Raises:
            InputError: There is no store in ``path`` (and ``create`` is false), or the
                folder holds something else.
            StoreError: The store is locked by another process, or the database cannot be
                opened.
        """
        path = Path(path)
        if not is_store(path):
            if not create or read_only:
                raise InputError(f"{path}: no kg store here (run `kg build` first?)")
            if path.exists() and (not path.is_dir() or any(path.iterdir())):
                raise InputError(f"{path}: exists and is not a kg store; choose another --store")
        database = path / OXIGRAPH_DIR
        if read_only and _written_elsewhere(database):
            raise StoreError(f"{path}: the store is being written by another process (kg build or remove); try again when it is done")
        try:
            if read_only:
                db = ox.Store.read_only(str(database)) if (database / "CURRENT").is_file() else ox.Store()
            else:
                database.mkdir(parents=True, exist_ok=True)
                db = ox.Store(str(database))
        except OSError as error:
            message = str(error)
            if "lock" in message.lower():
                raise StoreError(f"{path}: the store is in use by another process (a running kg build or remove?)") from error
            raise StoreError(f"{path}: cannot open the store: {message.splitlines()[0]}") from error
        store = cls(path, db, read_only)
        if not read_only:
            _WRITING.add(database.resolve())
        store._load_records()
        return store

    def close(self) -> None:
        """Release the database (and its lock); the object cannot be used afterwards."""
        if self._db is not None:
            if not self.read_only:
                self._db.flush()
                _WRITING.discard((self.path / OXIGRAPH_DIR).resolve())
            self._db = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def database(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        if self._db is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._db

    # --- the article records ---------------------------------------------------------------------

    @property
    def settings(self) -> StoreSettings:
        return self._settings or StoreSettings()

    def records(self) -> dict[str, ArticleRecord]:
        """Every stored article by id (a copy: change it and give it to ``save``)."""
        return dict(self._records or {})

    def _load_records(self) -> None:
        file = self.path / RECORDS_FILE
        self._records, self._settings = {}, StoreSettings()
        if not file.is_file():
            return
        with open(file, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                try:
                    data = json.loads(line)
                    if number == 1:
                        if data.get("kg-store") != FORMAT:
                            raise ValueError(f"store format {data.get('kg-store')!r}, expected {FORMAT}")
                        self._settings = StoreSettings(float(data.get("min_confidence", 0.5)), bool(data.get("strict", False)))
                    else:
                        record = record_from_json(data)
                        self._records[record.id] = record
                except (ValueError, KeyError, TypeError, IndexError) as error:
                    raise StoreError(f"{file}:{number}: not a kg store record: {error}") from error

    def save(self, records: dict[str, ArticleRecord], settings: StoreSettings) -> None:
        """Write the article records and settings (atomically: a temporary file, then a rename)."""
        self._check_writable()
        header = {"kg-store": FORMAT, "min_confidence": settings.min_confidence, "strict": settings.strict}
        lines = [json.dumps(header)] + [
            json.dumps(record_to_json(records[key]), ensure_ascii=False, separators=(",", ":")) for key in sorted(records)
        ]
        write_text("".join(line + "\n" for line in lines), self.path / RECORDS_FILE)
        self._records, self._settings = dict(records), settings

    # --- writing the quads -----------------------------------------------------------------------

    def replace(self, graphs: dict[URIRef, Graph]) -> Changes:
        """Make the store hold exactly these named graphs, and their union as its default
        graph, in one transaction.

        Only the graphs whose content differs from what the store holds are written;
        graphs the store holds and ``graphs`` does not are dropped. The default graph is
        the union kept as real triples (Oxigraph's own union of named graphs repeats a
        triple once per graph holding it, which would repeat query rows): the triples of
        the graphs written are added to it, and those of the graphs replaced or dropped
        that no graph holds any more are taken out of it.

        Args:
            graphs: Graph name -> its triples.

        Returns:
            The names of the graphs written and dropped, sorted.
        """
        self._check_writable()
        new = {str(name): sorted({_line(_to_ox_triple(t)) for t in graph}) for name, graph in graphs.items()}
        union = set().union(*new.values()) if new else set()
        digests = {name: _digest(lines) for name, lines in new.items()}
        digests[DEFAULT_KEY] = _digest(union)
        old, trusted = self._digests()
        changes = Changes(
            written=sorted(name for name in new if old.get(name) != digests[name]),
            dropped=sorted(name for name in old if name not in new and name != DEFAULT_KEY),
        )
        if changes.written or changes.dropped or old.get(DEFAULT_KEY) != digests[DEFAULT_KEY]:
            (self.path / DIGESTS_FILE).unlink(missing_ok=True)
            if trusted:  # the default graph is the old union: change only what changes
                replaced = {line for name in (*changes.written, *changes.dropped) for line in self._lines(name)}
                default_out, default_in = sorted(replaced - union), sorted({line for name in changes.written for line in new[name]})
                clear_default = False
            else:  # after an unfinished write: write the default graph anew
                default_out, default_in, clear_default = [], sorted(union), True
            self.database.update(_update_text(changes, new, default_out, default_in, clear_default))
            self.database.flush()
        write_text(json.dumps(digests, indent=0, sort_keys=True) + "\n", self.path / DIGESTS_FILE)
        return changes

    def _lines(self, name: str) -> list[str]:
        """The triples of one named graph as N-Triples lines."""
        return [_line(q) for q in self.database.quads_for_pattern(None, None, None, ox.NamedNode(name))]

    def _digests(self) -> tuple[dict[str, str], bool]:
        """The digest of every named graph and of the default graph (key ``DEFAULT_KEY``),
        and whether they come from ``graphs.json``; when it is missing (a new store, or a
        write that did not finish) they are computed from the quads."""
        try:
            return json.loads((self.path / DIGESTS_FILE).read_text(encoding="utf-8")), True
        except (OSError, ValueError):
            pass
        by_graph: dict[str, list[str]] = {}
        for quad in self.database:
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else DEFAULT_KEY
            by_graph.setdefault(name, []).append(_line(quad))
        return {name: _digest(lines) for name, lines in by_graph.items()}, False

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")

    # --- reading ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of quads (the default graph's included)."""
        return len(self.database)

    def named_graphs(self) -> dict[URIRef, Graph]:
        """Every named graph as an rdflib graph (the project prefixes bound), sorted by name."""
        graphs: dict[URIRef, Graph] = {}
        for quad in self.database.quads_for_pattern(None, None, None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.setdefault(_from_ox(quad.graph_name), new_graph()).add(_from_ox_triple(quad))
        return dict(sorted(graphs.items()))

    def graph(self) -> Graph:
        """The default graph, the union of the named graphs, as one rdflib graph (the
        project prefixes bound)."""
        return to_rdflib_graph(self.database)

    def export(self, fmt: str) -> str:
        """The store as text in one of ``kg.outputs.rdf.FORMATS``, deterministic.

        N-Quads and TriG hold the named graphs (not the default graph, their union) and
        come straight from Oxigraph, in sorted order; N-Triples is the default graph, its
        lines sorted. Turtle, JSON-LD and GraphML are the default graph through rdflib,
        as ``kg.outputs.rdf.serialize`` writes them (``graph.ttl`` of a build).

        Raises:
            ConfigError: ``fmt`` is unknown.
        """
        if fmt == "nt":
            data = self.database.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
            return "".join(line + "\n" for line in sorted(data.splitlines()) if line)
        if fmt in ("nq", "trig"):
            per_graph = []
            for name in sorted(self.database.named_graphs(), key=str):  # graph by graph: not the default graph
                data = self.database.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name).decode("utf-8")
                per_graph.append((str(name), sorted(line for line in data.splitlines() if line)))
            quads = [f"{line[:-2]} {name} ." for name, lines in per_graph for line in lines]
            if fmt == "nq":
                return "".join(line + "\n" for line in sorted(quads))
            trig = ox.serialize(ox.parse("\n".join(quads), format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=TRIG_PREFIXES)
            lines = trig.decode("utf-8").splitlines()
            header = [line for line in lines if line.startswith("@prefix")]
            return "\n".join(sorted(header) + [""] + lines[len(header):]) + "\n"
        return serialize(self.graph(), fmt)

    def query(self, text: str) -> Result:
        """Run a SPARQL query over the union of the named graphs, every project prefix bound.

        Returns:
            An rdflib ``Result`` (SELECT, ASK, CONSTRUCT or DESCRIBE), as ``kg.query.run_query``
            gives for a graph file.

        Raises:
            QueryError: The query does not parse (one line naming the line and column).
        """
        return to_rdflib_result(run_ox_query(self.database, text))

    def articles(self) -> Result:
        """The stored articles as a SELECT result: id, date, title, facts, file.

        ``facts`` counts the statements the article supports in the graph (entity types
        and relations); ``file`` is where the article was read from.
        """
        counts: dict[str, int] = {}
        for row in self.database.query(_FACT_COUNTS, prefixes=OX_PREFIXES):
            counts[row["id"].value] = int(row["facts"].value)
        result = Result("SELECT")
        result.vars = [Variable(name) for name in ("id", "date", "title", "facts", "file")]
        bindings = []
        for key, record in sorted(self.records().items()):
            article = record.facts.article
            row = {
                Variable("id"): Literal(key),
                Variable("facts"): Literal(counts.get(key, 0)),
                Variable("file"): Literal(record.file),
            }
            if article.date:
                row[Variable("date")] = Literal(article.date.isoformat(), datatype=XSD.date)
            if article.title:
                row[Variable("title")] = Literal(article.title)
            bindings.append(row)
        result.bindings = bindings
        return result


_FACT_COUNTS = """
SELECT ?id (COUNT(*) AS ?facts) WHERE {
  {
    SELECT DISTINCT ?doc ?s ?p ?o WHERE {
      GRAPH ?doc {
        { VALUES ?p { %s } ?s ?p ?o }
        UNION
        { VALUES ?o { %s } ?s a ?o BIND (rdf:type AS ?p) }
      }
    }
  }
  GRAPH ?doc { ?doc schema:identifier ?id }
} GROUP BY ?id
""" % (" ".join(f"kg:{r}" for r in RELATIONS), " ".join(f"kg:{c}" for c in CLASSES))


# --- SPARQL through Oxigraph ---------------------------------------------------------------------

def run_ox_query(
    database: ox.Store, text: str, default_graph: list[str] | None = None, named_graphs: list[str] | None = None
):
    """Run SPARQL on a pyoxigraph store with the project prefixes bound, over its default
    graph (in a kg store the union of the named graphs) unless ``default_graph`` names some.

    Returns:
        pyoxigraph ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

    Raises:
        QueryError: The query does not parse, or is an update.
    """
    options: dict = {}
    try:
        if default_graph:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graph]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        return database.query(text, prefixes=OX_PREFIXES, **options)
    except SyntaxError as error:
        raise _syntax_error(str(error)) from error
    except (ValueError, TypeError) as error:  # a bad graph IRI
        raise QueryError(f"SPARQL error: {one_line(str(error))}") from error


def _syntax_error(message: str) -> QueryError:
    """Oxigraph's "error at 1:22: expected one of ..." as kg's one-line syntax error."""
    first = one_line(message, None)
    where, _, reason = first.partition(": ")
    position = where.removeprefix("error at ").split(":")
    if len(position) == 2 and all(p.isdigit() for p in position):
        return syntax_error(position[0], position[1], reason)
    return QueryError(f"SPARQL syntax error: {one_line(first)}")


def to_rdflib_graph(database: ox.Store) -> Graph:
    """The default graph of a pyoxigraph store (in a kg store, the union of the named
    graphs) as an rdflib graph with the project prefixes bound."""
    graph = new_graph()
    for quad in database.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        graph.add(_from_ox_triple(quad))
    return graph


def add_union_to_default_graph(database: ox.Store) -> None:
    """Copy every triple of the named graphs into the default graph, as a kg store keeps
    it (for a snapshot of a TriG or N-Quads file)."""
    database.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def to_rdflib_result(answer) -> Result:
    """A pyoxigraph query answer as an rdflib ``Result``."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        graph = new_graph()
        for triple in answer:
            graph.add(_from_ox_triple(triple))
        result.graph = graph
        return result
    result = Result("SELECT")
    result.vars = [Variable(v.value) for v in answer.variables]
    result.bindings = [
        {var: _from_ox(value) for var, value in zip(result.vars, solution) if value is not None}
        for solution in answer
    ]
    return result


# --- terms ---------------------------------------------------------------------------------------

def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _to_ox_triple(triple) -> ox.Triple:
    s, p, o = triple
    return ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o))


def _from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"unsupported RDF term {term!r}")  # RDF-star triples: kg writes none


def _from_ox_triple(triple) -> tuple:
    """A pyoxigraph triple (or the triple of a quad) as an rdflib (subject, predicate, object)."""
    return _from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)


def _line(triple) -> str:
    """A triple (or the triple of a quad) as an N-Triples line, the form SPARQL's DATA blocks take."""
    return f"{triple.subject} {triple.predicate} {triple.object} ."


def _digest(lines: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(set(lines))).encode("utf-8")).hexdigest()


def _update_text(
    changes: Changes, new: dict[str, list[str]], default_out: list[str], default_in: list[str], clear_default: bool
) -> str:
    """One SPARQL update: drop the changed and removed graphs, take triples out of the
    default graph (or clear it), insert the new graphs and the default graph's new triples."""
    parts = [f"DROP SILENT GRAPH <{name}> ;" for name in (*changes.written, *changes.dropped)]
    if clear_default:
        parts.append("DROP SILENT DEFAULT ;")
    if default_out:
        parts += ["DELETE DATA {", *default_out, "} ;"]
    inserts = [name for name in changes.written if new[name]]
    if inserts or default_in:
        parts.append("INSERT DATA {")
        parts += default_in
        for name in inserts:
            parts.append(f"GRAPH <{name}> {{")
            parts += new[name]
            parts.append("}")
        parts.append("}")
    return "\n".join(parts)


# --- records as JSON -----------------------------------------------------------------------------
# One line per article. Sentences are kept once per article; evidence points at them by index:
#   evidence  [sentence index, start, end, extractor, confidence]
#   mention   [text, class, start, end, evidence]
#   relation  [subject mention, predicate, object mention or {"date": iso}, evidence]

def record_to_json(record: ArticleRecord) -> dict:
    """An article record as a JSON-ready dict."""
    facts = record.facts
    sentences: dict[str, int] = {}

    def ev(e: Evidence) -> list:
        return [sentences.setdefault(e.sentence, len(sentences)), e.start, e.end, e.extractor, e.confidence]

    def mention(m: Mention | None) -> list | None:
        return None if m is None else [m.text, m.cls, m.start, m.end, ev(m.evidence)]

    article = facts.article
    data = {
        "id": article.id,
        "hash": record.content_hash,
        "fingerprint": record.fingerprint,
        "file": record.file,
        "source": article.source,
        "date": article.date.isoformat() if article.date else None,
        "title": article.title,
        "url": article.url,
        "mentions": [mention(m) for m in facts.mentions],
        "relations": [
            [mention(r.subject), r.predicate, {"date": r.object.iso} if isinstance(r.object, DateValue) else mention(r.object), ev(r.evidence)]
            for r in facts.relations
        ],
        "meta": [mention(facts.meta.author), mention(facts.meta.publisher)],
    }
    data["sentences"] = list(sentences)
    return data


def record_from_json(data: dict) -> ArticleRecord:
    """The inverse of ``record_to_json``."""
    article_id = data["id"]
    sentences = data["sentences"]

    def ev(e: list) -> Evidence:
        return Evidence(article_id, sentences[e[0]], e[1], e[2], e[3], e[4])

    def mention(m: list | None) -> Mention | None:
        return None if m is None else Mention(m[0], m[1], m[2], m[3], ev(m[4]))

    article = Article(
        id=article_id, text="", source=data["source"],
        date=date.fromisoformat(data["date"]) if data["date"] else None, title=data["title"], url=data["url"],
    )
    facts = ArticleFacts(
        article,
        [mention(m) for m in data["mentions"]],
        [
            Relation(mention(s), p, DateValue(o["date"]) if isinstance(o, dict) else mention(o), ev(e))
            for s, p, o, e in data["relations"]
        ],
        ArticleMeta(mention(data["meta"][0]), mention(data["meta"][1])),
    )
    return ArticleRecord(facts, data["hash"], data["fingerprint"], data["file"])
