"""Typed entities from spaCy: statistical NER mapped to the six classes, and the gazetteer.

Spans are trimmed of articles, possessives and stray function words; an organisation the
place gazetteer knows, or a span headed by "Municipality", becomes a Location, and so do
the places coordinated with it ("Stranda and Rauma Municipalities").
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span

from kg import geo
from kg.extractors import register
from kg.extractors.common import cue
from kg.types import ArticleContext, Mention

NER_CLASSES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location", "FAC": "Location", "WORK_OF_ART": "Film"}
NER_CONFIDENCE = {"Person": 0.8, "Organization": 0.7, "Location": 0.8, "Film": 0.55}
GAZETTEER_CLASSES = {"PLATFORM": "Platform", "KG_ORG": "Organization"}
STRIP_SUFFIXES = {"municipality", "municipalities"}


def trim(span: Span) -> Span | None:
    """Drop leading lower-case determiners and trailing possessives, punctuation, prepositions."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("a", "an") or (doc[start].lower_ == "the" and doc[start].is_lower) or doc[start].pos_ == "PRON"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s") or doc[end - 1].pos_ in ("ADP", "CCONJ")):
        end -= 1
    return doc[start:end] if end > start else None


def in_tag(span: Span) -> bool:
    """Part of a hashtag or @handle (those are read by the hashtags extractor)."""
    before = span.doc.text[max(0, span.start_char - 1):span.start_char]
    return before in ("#", "@") or span.text.startswith(("#", "@"))


def mention(ctx: ArticleContext, span: Span, cls: str, extractor: str, confidence: float) -> Mention:
    sent = span.sent
    return Mention(span.text, cls, span.start_char, span.end_char, ctx.evidence(sent, extractor, confidence))


def place_parts(span: Span) -> list[Span] | None:
    """For "Stranda and Rauma Municipalities": the places, without the suffix they share."""
    last = span[-1]
    if last.lower_ not in cue("place_suffixes"):
        return None
    parts = [span[:-1] if last.lower_ in STRIP_SUFFIXES and len(span) > 1 else span]
    doc, i = span.doc, span.start - 1
    while i > 0 and doc[i].lower_ in ("and", ",", "&") and doc[i - 1].pos_ == "PROPN":
        end = i
        i -= 1
        while i > 0 and doc[i - 1].pos_ == "PROPN":
            i -= 1
        parts.append(doc[i:end])
        i -= 1
    return parts


def strip_role_words(span: Span) -> Span:
    """"Actress Hayley Atwell" -> "Hayley Atwell": NER sometimes takes the title in."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].lower_ in cue("role_nouns") or span.doc[start].lower_ in cue("journalist_nouns")):
        start += 1
    return span.doc[start:span.end]


@register
class SpacyEntities:
    """spaCy's statistical NER, mapped to Person, Organization, Location and Film."""

    name = "ner"
    description = "spaCy named entities mapped to Person/Organization/Location (WORK_OF_ART as Film, low confidence)"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        for ent in ctx.doc.ents:
            cls = NER_CLASSES.get(ent.label_)
            span = trim(ent) if cls else None
            if span is None or in_tag(span) or not any(t.is_alpha for t in span):
                continue
            parts = place_parts(span) if cls != "Film" else None
            if parts:
                for part in parts:
                    yield mention(ctx, part, "Location", self.name, 0.8)
                continue
            if cls == "Organization" and geo.lookup(span.text):
                cls = "Location"
            if cls == "Person":
                span = strip_role_words(span)
                if not any(t.is_title or t.is_upper for t in span):
                    continue
            yield mention(ctx, span, cls, self.name, NER_CONFIDENCE[cls])


@register
class Gazetteer:
    """Platforms, studios, streamers and publications from ontology/patterns/gazetteer.jsonl."""

    name = "gazetteer"
    description = "known platforms (Instagram, TikTok ...) and studios, streamers, publications"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        for ent in ctx.doc.ents:
            cls = GAZETTEER_CLASSES.get(ent.label_)
            if cls and not in_tag(ent):
                yield mention(ctx, ent, cls, self.name, 0.95)
