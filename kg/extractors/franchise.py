"""Films in franchises: a film whose title begins with a franchise's name belongs to it
("Mission: Impossible 7", "The Hunger Games: Catching Fire"), and so does a film named in
a sentence that places it in a franchise ("the next Star Wars series", "the latest entry
in the Fast & Furious saga"), and the article's main film belongs to the one franchise its
first sentence names.
"""
from __future__ import annotations

import re
from typing import Iterator

from kg.extractors import register
from kg.extractors.common import anchor, bare, cue, lead_end, starts_with, tokens_of, topic, tree_distance
from kg.types import ArticleContext, Relation


def names_inside(title: str, franchise: str) -> bool:
    """"Rogue One: A Star Wars Story" names Star Wars after its colon."""
    _, colon, subtitle = title.partition(":")
    return bool(colon) and re.search(r"(?<!\w)" + re.escape(bare(franchise)) + r"(?!\w)", subtitle.lower()) is not None


@register
class Franchise:
    """partOf from title beginnings and from sentences that place a film in a franchise."""

    name = "franchise"
    description = "partOf: titles that begin with a franchise ('Title 7', 'Title: Subtitle'), 'the next X film/series'"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        franchises = [m for m in ctx.mentions if m.cls == "Franchise"]
        for film in [m for m in ctx.mentions if m.cls == "Film"]:
            span = tokens_of(ctx, film)
            match = next((f for f in franchises if starts_with(film.text, f.text) or names_inside(film.text, f.text)), None)
            if match is not None:
                yield Relation(film, "partOf", match, ctx.evidence(span.sent, self.name, 0.85))
                continue
            sent = span.sent
            if not any(t.lemma_.lower() in cue("franchise_links") for t in sent):
                continue
            film_token = anchor(span)
            here = [
                f for f in ctx.mentions_in(sent, "Franchise")
                if not (f.start <= film.start < f.end) and tree_distance(film_token, anchor(tokens_of(ctx, f))) <= 3
            ]
            if here:
                nearest = min(here, key=lambda f: tree_distance(film_token, anchor(tokens_of(ctx, f))))
                yield Relation(film, "partOf", nearest, ctx.evidence(sent, self.name, 0.7))
            elif len({m.text for m in ctx.mentions_in(sent, "Film")}) == 1 and len(named := {f.text: f for f in ctx.mentions_in(sent, "Franchise")}) == 1:
                # "The sequel is the fourth Thor adventure and part of the Marvel Cinematic Universe"
                yield Relation(film, "partOf", next(iter(named.values())), ctx.evidence(sent, self.name, 0.65))
        main = topic(ctx, "Film")
        first_sentence_end = lead_end(ctx.doc, sentences=1)
        in_lead = {f.text: f for f in franchises if f.start < first_sentence_end and f.evidence.extractor != "coref"}
        if main is not None and len(in_lead) == 1:
            franchise = next(iter(in_lead.values()))
            if not starts_with(franchise.text, main.text) and bare(franchise.text) != bare(main.text):
                # news that opens on a franchise is about a film of it: "The Fast & Furious franchise has landed in Rome"
                yield Relation(main, "partOf", franchise, ctx.evidence(tokens_of(ctx, franchise).sent, self.name, 0.6))
