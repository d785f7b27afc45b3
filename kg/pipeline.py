"""Wire the stages: read -> clean -> parse -> extract -> resolve -> graph.

``cli.py`` only parses arguments and calls ``build``; the Python API (``kg.build``) calls
it too.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph
from spacy.language import Language
from tqdm import tqdm

from kg.articles import Skipped, read_articles
from kg.clean import clean_text
from kg.extractors import get_extractors
from kg.graph import to_graph
from kg.nlp import load_pipeline, parse
from kg.resolve import ArticleFacts, resolve
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


def extract(article: Article, doc, extractors: list[Extractor]) -> ArticleFacts:
    """Run every extractor on one parsed article, in registry order."""
    ctx = ArticleContext(article, doc)
    facts = ArticleFacts(article)
    for extractor in extractors:
        for fact in extractor.extract(ctx):
            if isinstance(fact, Mention):
                ctx.mentions.append(fact)
            elif isinstance(fact, Relation):
                facts.relations.append(fact)
            elif isinstance(fact, ArticleMeta) and facts.meta.author is None:
                facts.meta = fact
    facts.mentions = ctx.mentions
    return facts


def build(
    paths: Iterable[str | Path],
    settings: Settings = Settings(),
    nlp: Language | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> BuildResult:
    """Read, analyse and merge every article under ``paths`` into one graph.

    Raises:
        InputError: a path does not exist or is not an article file.
        ConfigError: the model or an extractor name is unknown.
    """
    started = time.perf_counter()
    extractors = get_extractors(settings.extractors)
    articles, skipped = [], []
    for item in read_articles(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
            if on_skip:
                on_skip(item)
        else:
            articles.append(item)
    articles = [
        Article(a.id, clean_text(a.text), a.source, a.date, a.title, a.url) for a in articles
    ]
    nlp = nlp or load_pipeline(settings.model)
    docs = parse(nlp, (a.text for a in articles), len(articles))
    bar = tqdm(total=len(articles), unit="article", disable=not settings.progress or len(articles) <= PROGRESS_AFTER, leave=False)
    facts = []
    for article, doc in zip(articles, docs):
        facts.append(extract(article, doc, extractors))
        bar.update()
    bar.close()
    graph = to_graph(resolve(facts, settings.min_confidence), articles)
    return BuildResult(graph, articles, skipped, time.perf_counter() - started)
