"""Wire the stages: read -> clean -> parse -> extract -> resolve -> graph (-> store).

``build`` makes one graph in memory (the Python API, ``kg.build``, calls it). ``build_store``
and ``remove_from_store`` keep the graph in a store (``kg.store``): each article's
extraction results are stored with its content hash, an unchanged article is not parsed
again, and after every change the cheap stages (resolve, graph) run again over all stored
articles, sorted by id, so the same articles give the same graph in any order. ``cli.py``
only parses arguments and calls these.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph
from spacy.language import Language
from tqdm import tqdm

from kg.articles import Skipped, read_articles
from kg.clean import clean_text
from kg.errors import InputError
from kg.extractors import get_extractors
from kg.graph import to_graph, to_graphs, union
from kg.nlp import PATTERNS_DIR, choose_model, load_pipeline, parse
from kg.resolve import ArticleFacts, resolve
from kg.store import ArticleRecord, Changes, GraphStore, StoreSettings, content_hash
from kg.types import Article, ArticleContext, ArticleMeta, Extractor, Mention, Relation

PROGRESS_AFTER = 5


@dataclass(frozen=True)
class Settings:
    """Everything a build can be told.

    Attributes:
        model: spaCy pipeline name (None: ``$KG_SPACY_MODEL`` or the best installed).
        extractors: names of the extractors to run (None: all registered).
        min_confidence: facts below this confidence stay out of the graph.
        progress: show a progress bar when reading more than a handful of articles.
    """

    model: str | None = None
    extractors: tuple[str, ...] | None = None
    min_confidence: float = 0.5
    progress: bool = True


@dataclass
class BuildResult:
    """The graph of a build and what the summary reports."""

    graph: Graph
    articles: list[Article]
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0


def extract(article: Article, doc, extractors: list[Extractor], on_warning: Callable[[str], None] | None = None) -> ArticleFacts:
    """Run every extractor on one parsed article, in registry order.

    An extractor that fails on the article (a bug, or a plug-in's) loses only its own
    facts for that article: the others still run and the build goes on; ``on_warning``
    hears which one failed, on which file, and why (else the error is raised).
    """
    ctx = ArticleContext(article, doc)
    facts = ArticleFacts(article)
    for extractor in extractors:
        try:
            found = list(extractor.extract(ctx))
        except Exception as exc:  # noqa: BLE001 (any bug in any extractor)
            if on_warning is None:
                raise
            on_warning(f"{article.source}: extractor {extractor.name!r} failed ({type(exc).__name__}: {exc}); its facts for this article are left out")
            continue
        for fact in found:
            if isinstance(fact, Mention):
                ctx.mentions.append(fact)
            elif isinstance(fact, Relation):
                facts.relations.append(fact)
            elif isinstance(fact, ArticleMeta) and facts.meta.author is None:
                facts.meta = fact
    facts.mentions = ctx.mentions
    return facts


def read(paths: Iterable[str | Path], on_skip: Callable[[Skipped], None] | None = None) -> tuple[list[Article], list[Skipped]]:
    """Every readable article under ``paths`` (as read, not cleaned) and what was skipped.

    Raises:
        InputError: a path does not exist or is not an article file.
    """
    articles, skipped = [], []
    for item in read_articles(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
            if on_skip:
                on_skip(item)
        else:
            articles.append(item)
    return articles, skipped


def extract_all(articles: list[Article], settings: Settings, nlp: Language | None = None,
                on_warning: Callable[[str], None] | None = None) -> list[ArticleFacts]:
    """Clean, parse and run the extractors on every article (the expensive stages).

    Raises:
        ConfigError: the model or an extractor name is unknown.
    """
    extractors = get_extractors(settings.extractors)
    if not articles:
        return []
    articles = [Article(a.id, clean_text(a.text), a.source, a.date, a.title, a.url) for a in articles]
    nlp = nlp or load_pipeline(settings.model)
    docs = parse(nlp, (a.text for a in articles), len(articles))
    bar = tqdm(total=len(articles), unit="article", disable=not settings.progress or len(articles) <= PROGRESS_AFTER, leave=False)
    facts = []
    for article, doc in zip(articles, docs):
        facts.append(extract(article, doc, extractors, on_warning))
        bar.update()
    bar.close()
    return facts


def build(
    paths: Iterable[str | Path],
    settings: Settings = Settings(),
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read, analyse and merge every article under ``paths`` into one graph (in memory).

    Raises:
        InputError: a path does not exist or is not an article file.
        ConfigError: the model or an extractor name is unknown.
    """
    started = time.perf_counter()
    get_extractors(settings.extractors)  # an unknown name fails before any reading
    articles, skipped = read(paths, on_skip)
    facts = extract_all(articles, settings, nlp, on_warning)
    graph = to_graph(resolve(facts, settings.min_confidence), [f.article for f in facts])
    return BuildResult(graph, [f.article for f in facts], skipped, time.perf_counter() - started)


# --- the store ------------------------------------------------------------------------------------

# Modules that run after extraction: changing them does not make stored facts stale.
_AFTER_EXTRACTION = {
    "__init__.py", "cli.py", "evaluate.py", "graph.py", "layout.py", "query.py", "resolve.py", "serve.py",
    "stats.py", "store.py", "validate.py", "view.py", "outputs",
}


@dataclass
class StoreResult:
    """What ``build_store`` or ``remove_from_store`` did.

    Attributes:
        graph: The union of the store's named graphs after the change.
        articles: The articles read (build) or removed (remove).
        skipped: Files and lines that could not be read.
        added, changed, unchanged: Ids of the articles read that were new, replaced an
            older version, or were already stored as they are (not parsed again).
        removed: Ids of the articles removed.
        stored: How many articles the store holds afterwards.
        left_out: With ``strict``, the triples kept out of the graph, each with why.
        changes: The named graphs written and dropped.
        seconds: How long it took.
    """

    graph: Graph | None
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    stored: int = 0
    left_out: list = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    seconds: float = 0.0


def extraction_fingerprint(settings: Settings, nlp: Language | None = None) -> str:
    """What decides the facts an article gives: the model and its version, the extractors
    chosen, and the source of the extraction code and its rule data. An article stored
    with another fingerprint is extracted again when it is read."""
    if nlp is not None:
        model = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}"
    else:
        name = choose_model(settings.model)
        try:
            model = f"{name} {importlib.metadata.version(name)}"
        except (importlib.metadata.PackageNotFoundError, ValueError):
            model = name
    names = ",".join(e.name for e in get_extractors(settings.extractors))
    return hashlib.sha256(f"{model}\n{names}\n{_code_fingerprint()}".encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = [p for p in package.rglob("*.py") if p.relative_to(package).parts[0] not in _AFTER_EXTRACTION]
    files += [p for p in PATTERNS_DIR.rglob("*") if p.is_file()]
    for path in sorted(files):
        digest.update(path.relative_to(package.parent).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _source_file(article: Article) -> str:
    """The absolute path of the file an article was read from (``news.jsonl:3`` -> news.jsonl)."""
    source = re.sub(r":\d+$", "", article.source) if re.search(r"\.jsonl:\d+$", article.source, re.I) else article.source
    return os.path.abspath(source)


def build_store(
    paths: Iterable[str | Path],
    store_path: str | Path,
    settings: Settings = Settings(),
    *,
    min_confidence: float | None = None,
    strict: bool | None = None,
    fresh: bool = False,
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> StoreResult:
    """Add the articles under ``paths`` to the store in ``store_path`` (made if missing).

    An article already stored with the same id, content hash and extraction fingerprint
    is not parsed again; one with the same id and other content replaces the stored one.

    Args:
        paths: Article files and folders.
        store_path: The store folder.
        settings: Model, extractors and progress (``settings.min_confidence`` is not used:
            see ``min_confidence``).
        min_confidence: Keep facts with at least this confidence, in the whole graph; the
            store remembers it (None: what the store has, 0.5 for a new store).
        strict: Keep triples that break the SHACL shapes out of the graph; remembered like
            ``min_confidence``.
        fresh: Start from an empty store.
        nlp: A loaded spaCy pipeline to use instead of loading ``settings.model``.
        on_skip: Called with every file or line that cannot be read.
        on_warning: Called when an extractor fails on an article (its facts for that
            article are left out and the build goes on); None raises the error.

    Raises:
        InputError: a path does not exist, or no article could be read (the store is
            then left as it was).
        ConfigError: the model or an extractor name is unknown.
        StoreError: the store is in use by another process or damaged.
    """
    started = time.perf_counter()
    paths = list(paths)  # read, then named in the error
    get_extractors(settings.extractors)
    articles, skipped = read(paths, on_skip)
    if not articles:
        given = ", ".join(str(p) for p in paths)
        raise InputError(f"{given}: no readable articles found; nothing written")
    with GraphStore.open(store_path, create=True) as store:
        records = {} if fresh else store.records()
        stored_settings = StoreSettings() if fresh else store.settings
        store_settings = StoreSettings(
            min_confidence=stored_settings.min_confidence if min_confidence is None else min_confidence,
            strict=stored_settings.strict if strict is None else strict,
        )
        fingerprint = extraction_fingerprint(settings, nlp)
        latest: dict[str, Article] = {}
        for article in articles:  # a later article with the same id wins
            if article.id in latest:
                duplicate = Skipped(latest[article.id].source, f"article id {article.id!r} read again from {article.source}; the later one is kept")
                skipped.append(duplicate)
                if on_skip:
                    on_skip(duplicate)
            latest[article.id] = article
        result = StoreResult(graph=None, articles=list(latest.values()), skipped=skipped)
        todo: list[tuple[Article, str]] = []  # (article, its content hash)
        for article in latest.values():
            digest = content_hash(article)
            old = records.get(article.id)
            if old and old.content_hash == digest and old.fingerprint == fingerprint:
                result.unchanged.append(article.id)
                records[article.id] = ArticleRecord(old.facts, digest, fingerprint, _source_file(article))
            else:
                (result.changed if old else result.added).append(article.id)
                todo.append((article, digest))
        extracted = extract_all([article for article, _ in todo], settings, nlp, on_warning)
        for (article, digest), facts in zip(todo, extracted):
            facts.article = Article(article.id, "", article.source, article.date, article.title, article.url)
            records[article.id] = ArticleRecord(facts, digest, fingerprint, _source_file(article))
        _commit(store, records, store_settings, result)
    result.seconds = time.perf_counter() - started
    return result


def remove_from_store(targets: Iterable[str], store_path: str | Path) -> StoreResult:
    """Retract articles from the store: each target is an article id or a file or folder
    path as given to ``build_store`` (every article read from it, or from under it).

    Raises:
        InputError: a target matches no stored article (nothing is removed then), or there
            is no store.
        StoreError: the store is in use by another process or damaged.
    """
    started = time.perf_counter()
    targets = list(targets)
    with GraphStore.open(store_path) as store:
        records = store.records()
        removed: dict[str, None] = {}
        for target in targets:
            matches = match_articles(records, target)
            if not matches:
                raise InputError(f"{target}: no article with this id or path in the store {store_path}")
            removed.update(dict.fromkeys(matches))
        result = StoreResult(graph=None, articles=[records[i].facts.article for i in removed], removed=list(removed))
        for article_id in removed:
            del records[article_id]
        _commit(store, records, store.settings, result)
    result.seconds = time.perf_counter() - started
    return result


def match_articles(records: dict[str, ArticleRecord], target: str) -> list[str]:
    """Ids of the stored articles a target names: its id, or the file or folder it was read from."""
    if target in records:
        return [target]
    path = os.path.abspath(target)
    inside = path.rstrip(os.sep) + os.sep
    return sorted(key for key, record in records.items() if record.file == path or record.file.startswith(inside))


def _commit(store: GraphStore, records: dict[str, ArticleRecord], settings: StoreSettings, result: StoreResult) -> None:
    """Save the records, derive the named graphs from all of them and write those that changed."""
    graphs, result.left_out = assemble([record.facts for record in records.values()], settings.min_confidence, settings.strict)
    store.save(records, settings)
    result.changes = store.replace(graphs)
    result.graph = union(graphs)
    result.stored = len(records)


def assemble(facts: list[ArticleFacts], min_confidence: float, strict: bool = False) -> tuple[dict, list]:
    """The named graphs of these articles' facts (resolve, then graph), and with ``strict``
    the triples that break the SHACL shapes taken out of them.

    Returns:
        (graph name -> graph, [(triple, message), ...] left out).
    """
    facts = sorted(facts, key=lambda f: f.article.id)
    graphs = to_graphs(resolve(facts, min_confidence), [f.article for f in facts])
    left_out: list = []
    if strict:
        from kg.validate import drop_violations

        left_out = drop_violations(graphs)
    return graphs, left_out
