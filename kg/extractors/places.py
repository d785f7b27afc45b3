"""Places inside places: "City, Country", "Origo Studios in Budapest", "Tallinn's Lasnamäe
district" and "across Malta, including Attard and Mdina" in the text, and
what the offline gazetteer knows about places named in the same sentence (Rome lies in
Italy).
"""
from __future__ import annotations

import re
from typing import Iterator

from kg import geo
from kg.extractors import register
from kg.extractors.common import tokens_of
from kg.types import ArticleContext, Relation

COMMA = re.compile(r"^\s*,\s*$")
POSSESSIVE = re.compile(r"^['’]s\s+$")
WORD = r"[A-Z][\w'’-]*(?![\w'’-])"  # whole words only: a word that may end anywhere makes the list match backtrack without end
NAMES = rf"(?:\s*(?:(?:,|and|or)\s*)?{WORD})*"  # other names of the list, not read as places
INCLUDING = re.compile(r"^\s*,?\s*(?:including|such as|among them)" + NAMES + r"\s*(?:,|and|or)?\s*$")
LIST_GAP = re.compile(r"^" + NAMES + r"\s*(?:,|,?\s*and|,?\s*or)\s+$")
INSIDE = re.compile(r"^\s*(?:in|at|near|outside|in downtown|in the city of|in the town of)\s+$", re.IGNORECASE)
ANOTHER_NAME = re.compile(r"^\s*(?:,|and)\s+[A-Z]")


def consistent(inner: str, outer: str) -> bool:
    """What the text says, unless the gazetteer knows both places and disagrees (a district
    the gazetteer files as a city of the same country may lie in the city)."""
    a, b = geo.lookup(inner), geo.lookup(outer)
    if a is not None and a.kind == "country" and b is None:
        return False  # "In Poland, Ogrodzieniec Castle stood in for ...": no country lies in a castle
    if a is None or b is None:
        return inner != outer
    if b.kind == "region" and a.kind in ("city", "region") and b.within and b.within[-1] in a.within and a.name != b.name:
        return True  # "Calgary, Alberta": the gazetteer files cities under their country only
    return geo.lies_in(inner, outer) or a.kind == b.kind == "city" and bool(set(a.within) & set(b.within)) and a.name != b.name and (
        a.population < b.population)  # "Tallinn's Lasnamäe district", not "Los Angeles, San Francisco"


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
            is_list = ANOTHER_NAME.match(text[outer.end:outer.end + 8])
            stated = (COMMA.match(between) and not is_list) or INSIDE.match(between)
            if stated and consistent(inner.text, outer.text):
                span = ctx.doc.char_span(inner.start, outer.end, alignment_mode="expand")
                yield Relation(inner, "locatedIn", outer, ctx.evidence(span.sent, self.name, 0.85))
        for outer, inner in zip(places, places[1:]):  # "Tallinn's Lasnamäe district"
            if POSSESSIVE.match(text[outer.end:inner.start]) and consistent(inner.text, outer.text):
                yield Relation(inner, "locatedIn", outer, ctx.evidence(tokens_of(ctx, inner).sent, self.name, 0.75))
        for n, outer in enumerate(places):  # "across Malta, including Attard, Senglea and Mdina"
            if n + 1 >= len(places) or not INCLUDING.match(text[outer.end:places[n + 1].start]):
                continue
            previous = outer
            for inner in places[n + 1:]:
                if previous is not outer and not LIST_GAP.match(text[previous.end:inner.start]):
                    break
                if consistent(inner.text, outer.text):
                    yield Relation(inner, "locatedIn", outer, ctx.evidence(tokens_of(ctx, inner).sent, self.name, 0.75))
                previous = inner
        for sent in ctx.doc.sents:
            here = ctx.mentions_in(sent, "Location")
            for inner in here:
                for outer in here:
                    if geo.lies_in(inner.text, outer.text):
                        yield Relation(inner, "locatedIn", outer, ctx.evidence(sent, self.name, 0.7))
