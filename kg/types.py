"""The extractor contract: what an extractor reads, what it returns, and its Protocol.

Extractors return plain frozen dataclasses, never rdflib terms: only ``kg.graph`` mints
IRIs. A ``Mention`` is a typed span of one article; a ``Relation`` links two mentions
(or a mention and a date). Both carry their evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime
from typing import Iterable, Protocol, Union

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Article:
    """One news article as read from disk, before cleaning."""

    id: str
    text: str
    source: str
    date: datetime.date | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence and its character offsets in the cleaned text."""

    article_id: str
    sentence: str
    start: int
    end: int
    extractor: str
    confidence: float


@dataclass(frozen=True)
class Mention:
    """A span of an article naming an entity of one of the six contract classes."""

    text: str
    cls: str
    start: int
    end: int
    evidence: Evidence


@dataclass(frozen=True)
class DateValue:
    """A date literal with its precision: ``2021-11-19``, ``2021-11`` or ``2021``."""

    iso: str


@dataclass(frozen=True)
class Relation:
    """A fact ``subject --predicate--> object`` read from one sentence."""

    subject: Mention
    predicate: str
    object: Union[Mention, DateValue]
    evidence: Evidence


@dataclass(frozen=True)
class ArticleMeta:
    """Facts about the article itself: who wrote it, for whom."""

    author: Mention | None = None
    publisher: Mention | None = None


Fact = Union[Mention, Relation, ArticleMeta]


@dataclass
class ArticleContext:
    """What an extractor sees: the article, its parsed text and the mentions found so far.

    Extractors run in registry order; the mentions each returns are appended here, so a
    relation extractor sees every entity the entity extractors found.
    """

    article: Article
    doc: Doc
    mentions: list[Mention] = field(default_factory=list)

    def evidence(self, sent: Span, extractor: str, confidence: float) -> Evidence:
        """Evidence pointing at one sentence of this article."""
        return Evidence(
            self.article.id, " ".join(sent.text.split()), sent.start_char, sent.end_char, extractor, confidence
        )

    def shadowed(self, mention: Mention) -> bool:
        """Another extractor reads the same words as another kind of thing (see ``shadowed``)."""
        return shadowed(mention, self.mentions)

    def mentions_in(self, sent: Span, *classes: str) -> list[Mention]:
        """Mentions inside a sentence, in text order, optionally of some classes only."""
        return [
            m for m in self.mentions
            if sent.start_char <= m.start and m.end <= sent.end_char and (not classes or m.cls in classes)
        ]


class Extractor(Protocol):
    """Maps one parsed article to mentions, relations and article facts."""

    name: str
    description: str

    def extract(self, ctx: ArticleContext) -> Iterable[Fact]:
        """Return the facts this extractor reads in the article."""
        ...


def shadowed(mention: Mention, mentions: list[Mention]) -> bool:
    """Another extractor reads the same words as another kind of thing, and is to be
    believed first: a reading from context or a gazetteer over statistical NER ("Barbie"
    the film over NER's person, "Wakanda Forever" inside "Black Panther: Wakanda
    Forever"), else the surer one."""
    def rank(m: Mention) -> tuple[bool, float]:
        return m.evidence.extractor != "ner", m.evidence.confidence

    return any(
        m.cls != mention.cls and m.start <= mention.start and mention.end <= m.end
        and m.evidence.extractor != "coref" and rank(m) > rank(mention)
        for m in mentions
    )
