"""Organisations behind and beside a film.

producedBy: "Netflix's upcoming film", "a Warner Bros. release", "produced/distributed by
ORG", "premieres on Netflix". supports: "thanks to ORG", "with support from ORG", and film
commissions, incentives and funds named in such a sentence.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span

from kg.extractors import register
from kg.extractors.common import cue, film_for, governing_verb, is_negated, speculative, tokens_of
from kg.types import ArticleContext, Mention, Relation


def produced_by_cue(span: Span) -> bool:
    """The organisation name is tied to the film by possession, a production noun or verb."""
    root = span.root
    head = root.head
    if root.dep_ == "poss" and (head.lemma_.lower() in cue("production_nouns") or head.lemma_.lower() in cue("film_nouns")):
        return True
    if root.dep_ in ("compound", "nmod") and head.lemma_.lower() in cue("production_nouns"):
        return True
    if root.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in cue("production_verbs"):
        return True
    if root.dep_ == "pobj" and head.lower_ in ("on", "to") and head.head.lemma_.lower() in cue("streaming_verbs"):
        return True
    if root.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in cue("film_nouns"):
        return True
    return False


def supports_cue(span: Span) -> bool:
    """The organisation is thanked, credited with support, or is a commission/fund."""
    words = {t.lemma_.lower() for t in span.sent} | {t.lower_ for t in span.sent}
    if not words & cue("support"):
        return False
    node = span.root
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ == "pobj" and (head.head.lemma_.lower() in cue("support") or head.head.lower_ in cue("support")):
        return True
    if node.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in cue("support"):
        return True
    return any(w in span.text.lower() for w in cue("support_org_words"))


@register
class Production:
    """producedBy and supports between organisations and films."""

    name = "production"
    description = "producedBy: ORG's film, an ORG release, produced by ORG; supports: thanks to / support from ORG"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        for org in [m for m in ctx.mentions if m.cls == "Organization"]:
            span = tokens_of(ctx, org)
            if span is None:
                continue
            sent = span.sent
            verb = governing_verb(span.root)
            if verb is not None and is_negated(verb):
                continue
            confidence = 0.4 if speculative(sent) else 0.8
            if produced_by_cue(span):
                film = film_for(ctx, sent, near=org.end)
                if film:
                    yield Relation(film, "producedBy", org, ctx.evidence(sent, self.name, confidence))
            elif supports_cue(span):
                film = film_for(ctx, sent, near=org.end)
                if film:
                    yield Relation(org, "supports", film, ctx.evidence(sent, self.name, confidence - 0.1))
