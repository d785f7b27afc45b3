"""Where a production films: a place that a locative preposition ties to a filming cue on
its way up to the verb ("shooting in Norway", "heads to Rome for the next schedule",
"production moves from X to Y", "shot on soundstages at Origo Studios in Budapest"),
or whose verb has a production as subject ("Production was based in Atlanta").
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.extractors import register
from kg.extractors.common import anchor, cue, film_for, is_negated, mention_at, speculative, tokens_of
from kg.extractors.locative import filming_cue, head_of_list, is_cue, path_up, under_place_preposition
from kg.types import ArticleContext, Mention, Relation


def is_release_word(token: Token) -> bool:
    return token.lemma_.lower() in cue("release") or token.lower_ in cue("release")


def filming_subject(ctx: ArticleContext, cue_token: Token) -> Mention | None:
    """The film a filming verb has for subject: "Game of Thrones shot scenes in Cáceres",
    "Thor: Ragnarok, which was shot at Village Roadshow Studios"."""
    if cue_token.pos_ != "VERB":
        return None
    subject = next((c for c in cue_token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("which", "that") and cue_token.dep_ == "relcl":
        subject = cue_token.head
    film = mention_at(ctx, subject, "Film") if subject is not None else None
    return film if film is not None and not ctx.shadowed(film) else None


def story_setting(place: Token) -> bool:
    """"Although the story is set in Philadelphia", "the story wanders from Virginia to
    Nebraska": where the story happens, in a sentence that says where it was filmed."""
    path = path_up(head_of_list(place))
    verb = path[-1] if path and path[-1].pos_ in ("VERB", "AUX") else None
    return verb is not None and (verb.lemma_ == "set" and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children) or any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in cue("story_nouns") for c in verb.children))


def announced_stop(span) -> Token | None:
    """"The production also traveled to:" and then a line per place ("Rome, where ...;",
    "and London, with scenes along the Thames"): the filming or travel word of the line
    announcing the list, for the place that heads a line of it."""
    doc, text = span.doc, span.doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    if text[line_start:span.start_char].strip(" -•*\t").lower() not in ("", "and"):
        return None
    end = line_start - 1
    for _ in range(12):
        if end <= 0:
            return None
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].rstrip()
        if line.endswith(":"):
            announcing = doc.char_span(begin, begin + len(line), alignment_mode="expand")
            return next((t for t in announcing if is_cue(t) or t.lemma_.lower() in cue("travel_verbs")), None) if announcing else None
        if line and not line.endswith((";", ",")):
            return None
        end = begin - 1
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
            if story_setting(anchor(span)):
                continue
            if found is None and under_place_preposition(head_of_list(anchor(span))):
                found = next((t for t in sent if t.lower_ in cue("strong_filming") or t.lemma_.lower() in cue("strong_filming")), None)
                confidence = 0.6  # the sentence is about a shoot, the place is not tied to the cue
                if found is not None and any(is_release_word(t) for t in path_up(anchor(span))):
                    found = None
            if found is None:
                found = announced_stop(span)
            if found is None or is_negated(found):
                continue
            film = filming_subject(ctx, found) or film_for(ctx, sent, near=anchor(span))
            if film is None:
                continue
            confidence = 0.4 if speculative(sent, near=found) else confidence
            yield Relation(film, "filmsIn", place, ctx.evidence(sent, self.name, confidence))
