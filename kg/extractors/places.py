"""Places inside places: "City, Country" in the text, and what the offline gazetteer
knows about places the article names together (Rome lies in Italy).
"""
from __future__ import annotations

from typing import Iterator

from kg import geo
from kg.extractors import register
from kg.types import ArticleContext, Relation


@register
class Places:
    """locatedIn from "City, Country" and from the place gazetteer."""

    name = "places"
    description = "locatedIn: 'City, Country' and gazetteer containment of places named in the article"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        places = sorted((m for m in ctx.mentions if m.cls == "Location"), key=lambda m: m.start)
        text = ctx.doc.text
        for inner, outer in zip(places, places[1:]):
            between = text[inner.end:outer.start]
            after = text[outer.end:outer.end + 6]
            if between.strip() == "," and not after.lstrip().startswith(("and", ",")) and geo.lookup(outer.text):
                if geo.lookup(inner.text) is None or geo.lies_in(inner.text, outer.text):
                    span = ctx.doc.char_span(inner.start, outer.end, alignment_mode="expand")
                    yield Relation(inner, "locatedIn", outer, ctx.evidence(span.sent, self.name, 0.85))
        seen = set()
        for inner in places:
            for outer in places:
                pair = (geo.canonical_place(inner.text), geo.canonical_place(outer.text))
                if pair in seen or not geo.lies_in(inner.text, outer.text):
                    continue
                seen.add(pair)
                span = ctx.doc.char_span(inner.start, inner.end, alignment_mode="expand")
                yield Relation(inner, "locatedIn", outer, ctx.evidence(span.sent, self.name, 0.7))
