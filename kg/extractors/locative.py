"""Where a place hangs in a sentence: the filming cue that governs it through a locative
preposition ("shooting in Rome", "heads to Malta for the next schedule"). Shared by the
filming extractor (filmsIn) and the entity typer (a name a filming cue governs is a place).
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extractors.common import cue, stands_in


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


def filming_cue(place: Token) -> Token | None:
    """The filming cue that governs a place through a locative preposition ("shooting in
    Rome"), or that the place names ("the Paris leg", "the Atlanta shoot"), or whose verb
    has locations as subject ("Locations include X and Y") or a shoot as object ("X hosted
    the sequences"), if any."""
    first = head_of_list(place)
    stand_in = stands_in(first)
    if stand_in is not None:
        return stand_in
    if first.dep_ in ("compound", "nmod") and first.head.pos_ == "NOUN" and first.head.lemma_.lower() in cue("filming_stretches"):
        return first.head
    if first.dep_ in ("dobj", "attr") and any(c.dep_ == "nsubj" and c.lemma_.lower() in cue("filming_stretches") for c in first.head.children):
        return first.head
    if first.dep_ == "nsubj" and any(c.dep_ == "dobj" and (is_cue(c) or c.lemma_.lower() in cue("shot_things")) for c in first.head.children):
        return first.head  # "Wadi Rum hosted the Fremen sequences", "the town welcomed the crew"
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
