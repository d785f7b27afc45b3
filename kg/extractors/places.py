"""Places inside places: "City, Country" and "Origo Studios in Budapest" in the text, and
what the offline gazetteer knows about places named in the same sentence (Rome lies in
Italy).
"""
from __future__ import annotations

import re
from typing import Iterator

from kg import geo
from kg.extractors import register
from kg.types import ArticleContext, Relation

COMMA = re.compile(r"^\s*,\s*$")
INSIDE = re.compile(r"^\s*(?:in|at|near|outside|in downtown|in the city of|in the town of)\s+$", re.IGNORECASE)
ANOTHER_NAME = re.compile(r"^\s*(?:,|and)\s+[A-Z]")


@register
class Places:
    """locatedIn from "A, B", "A in B" and from the place gazetteer."""

    name = "places"
    description = "locatedIn: 'City, Country', 'Studios in City' and gazetteer containment of places named together"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        places = sorted((m for m in ctx.mentions if m.cls == "Location"), key=lambda m: m.start)
        text = ctx.doc.text
        for inner, outer in zip(places, places[1:]):
            between = text[inner.end:outer.start]
            is_list = ANOTHER_NAME.match(text[outer.end:outer.end + 4])
            stated = (COMMA.match(between) and not is_list) or INSIDE.match(between)
            known_both = geo.lookup(inner.text) and geo.lookup(outer.text)
            if stated and (geo.lies_in(inner.text, outer.text) if known_both else True):
                span = ctx.doc.char_span(inner.start, outer.end, alignment_mode="expand")
                yield Relation(inner, "locatedIn", outer, ctx.evidence(span.sent, self.name, 0.85))
        for sent in ctx.doc.sents:
            here = ctx.mentions_in(sent, "Location")
            for inner in here:
                for outer in here:
                    if geo.lies_in(inner.text, outer.text):
                        yield Relation(inner, "locatedIn", outer, ctx.evidence(sent, self.name, 0.7))
