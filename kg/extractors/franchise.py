"""Films in franchises: a numbered sequel belongs to the franchise its title begins with
("Mission: Impossible 7" -> Mission: Impossible), and a film named in the same sentence
as "the X franchise" belongs to X.
"""
from __future__ import annotations

from typing import Iterator

from kg.extractors import register
from kg.names import key
from kg.types import ArticleContext, Relation


@register
class Franchise:
    """partOf from sequel titles and franchise phrases."""

    name = "franchise"
    description = "partOf: numbered sequels ('Title 7', 'Title II', 'Title: Part Two') and 'the X franchise'"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        franchises = [m for m in ctx.mentions if m.cls == "Franchise"]
        for film in [m for m in ctx.mentions if m.cls == "Film"]:
            for franchise in franchises:
                prefix = key(franchise.text)
                if prefix and key(film.text).startswith(prefix) and key(film.text) != prefix:
                    span = ctx.doc.char_span(film.start, film.end, alignment_mode="expand")
                    yield Relation(film, "partOf", franchise, ctx.evidence(span.sent, self.name, 0.85))
                    break
