"""Films in franchises: a numbered sequel belongs to the franchise its title begins with
("Mission: Impossible 7" -> Mission: Impossible), and a film named in the same sentence
as "the X franchise" belongs to X.
"""
from __future__ import annotations

from typing import Iterator

from kg.extractors import register
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
                prefix = franchise.text.lower()
                title = film.text.lower()
                if title.startswith(prefix) and len(title) > len(prefix) and not title[len(prefix)].isalnum():
                    span = ctx.doc.char_span(film.start, film.end, alignment_mode="expand")
                    yield Relation(film, "partOf", franchise, ctx.evidence(span.sent, self.name, 0.85))
                    break
