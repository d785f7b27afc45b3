"""Where a production films: a place governed by a filming cue ("shooting in Norway",
"the team heads to Rome for the next schedule", "production moves from X to Y",
"spotted filming in", "set photos from").
"""
from __future__ import annotations

from typing import Iterator

from kg.extractors import register
from kg.extractors.common import cue, film_for, is_negated, speculative, tokens_of
from kg.types import ArticleContext, Relation


@register
class Filming:
    """filmsIn from a location that a locative preposition ties to a filming cue."""

    name = "filming"
    description = "filmsIn: shooting/filming in, heads to X for the schedule, production moves to, spotted in"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        for place in [m for m in ctx.mentions if m.cls == "Location"]:
            span = tokens_of(ctx, place)
            if span is None:
                continue
            root = span.root
            prep = root.head if root.dep_ in ("pobj", "conj") else None
            while prep is not None and prep.dep_ == "conj" and prep.head.i != prep.i:
                prep = prep.head
            if prep is not None and prep.dep_ == "pobj":
                prep = prep.head
            if prep is None or prep.lower_ not in cue("locative_preps"):
                continue
            sent = span.sent
            cues_in_sentence = [t for t in sent if t.lemma_.lower() in cue("filming") or t.lower_ in cue("filming")]
            if not cues_in_sentence or any(is_negated(t) for t in cues_in_sentence):
                continue
            film = film_for(ctx, sent, near=place.start)
            if film is None:
                continue
            confidence = 0.4 if speculative(sent) else 0.8
            yield Relation(film, "filmsIn", place, ctx.evidence(sent, self.name, confidence))
