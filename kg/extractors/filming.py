"""Where a production films: a place that a locative preposition ties to a filming cue on
its way up to the verb ("shooting in Norway", "heads to Rome for the next schedule",
"production moves from X to Y", "shot on soundstages at Origo Studios in Budapest"),
or whose verb has a production as subject ("Production was based in Atlanta").
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.extractors import register
from kg.extractors.common import anchor, cue, film_for, is_negated, speculative, stands_in, tokens_of
from kg.types import ArticleContext, Relation


def is_cue(token: Token) -> bool:
    return token.lemma_.lower() in cue("filming") or token.lower_ in cue("filming") or (token.pos_ == "VERB" and token.lemma_.lower() == "film")


def path_up(token: Token) -> list[Token]:
    """The tokens above a place: prepositions and nouns, up to and including the governing verb."""
    path, node = [], token
    while node.head.i != node.i:
        node = node.head
        path.append(node)
        if node.pos_ in ("VERB", "AUX"):
            break
    return path


def head_of_list(place: Token) -> Token:
    """"Pawhuska, Fairfax and Bartlesville": the first place of the list; "the island of
    Mallorca": the place noun that names it."""
    while True:
        if place.dep_ in ("conj", "appos", "compound") and place.head.i != place.i:
            place = place.head
        elif place.dep_ == "pobj" and place.head.lower_ == "of" and place.head.head.lemma_.lower() in cue("place_nouns"):
            place = place.head.head
        elif place.dep_ == "pobj" and place.head.lower_ in ("including", "like") and place.head.head.i != place.head.i:
            place = place.head.head  # "across Malta, including Attard and Mdina"
        else:
            return place


def under_place_preposition(first: Token) -> bool:
    """The head of a place list hangs on a locative preposition ("in", "across", "along")."""
    return first.dep_ == "pobj" and first.head.lower_ in cue("locative_preps")


def is_release_word(token: Token) -> bool:
    return token.lemma_.lower() in cue("release") or token.lower_ in cue("release")


def filming_cue(place: Token) -> Token | None:
    """The filming cue that governs a place through a locative preposition ("shooting in
    Rome"), or that the place names ("the Paris leg", "the Atlanta shoot"), or whose verb
    has locations as subject ("Locations include X and Y"), if any."""
    first = head_of_list(place)
    stand_in = stands_in(first)
    if stand_in is not None:
        return stand_in
    if first.dep_ in ("compound", "nmod") and first.head.pos_ == "NOUN" and first.head.lemma_.lower() in cue("filming_stretches"):
        return first.head
    if first.dep_ in ("dobj", "attr") and any(c.dep_ == "nsubj" and c.lemma_.lower() in cue("filming_stretches") for c in first.head.children):
        return first.head
    if not under_place_preposition(first):
        return None
    path = path_up(first)
    for token in path:
        if is_cue(token):
            return token
    verb = path[-1] if path and path[-1].pos_ in ("VERB", "AUX") else None
    if verb is not None:
        above = [verb.head] if verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i else []
        for child in [*verb.children, *(c for v in above for c in v.children if c.dep_ in ("nsubj", "nsubjpass"))]:
            if child.dep_ in ("nsubj", "nsubjpass") and (is_cue(child) or verb.lemma_ == "base" and child.lemma_.lower() in cue("film_nouns")):
                return verb  # "Production moved to", "The $200 million sequel is based at Pinewood Studios"
            if child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB" and is_cue(child):
                return child  # "spent March in Mallorca, shooting for Pathaan"
    return None


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
            sent = span.sent
            found = filming_cue(anchor(span))
            confidence = 0.8
            if found is None and under_place_preposition(head_of_list(anchor(span))):
                found = next((t for t in sent if t.lower_ in cue("strong_filming") or t.lemma_.lower() in cue("strong_filming")), None)
                confidence = 0.6  # the sentence is about a shoot, the place is not tied to the cue
                if found is not None and any(is_release_word(t) for t in path_up(anchor(span))):
                    found = None
            if found is None or is_negated(found):
                continue
            film = film_for(ctx, sent, near=anchor(span))
            if film is None:
                continue
            confidence = 0.4 if speculative(sent) else confidence
            yield Relation(film, "filmsIn", place, ctx.evidence(sent, self.name, confidence))
