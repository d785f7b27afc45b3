"""Coreference that news needs: "the film", "the franchise", "the actor/director", he/she.

Each anaphor becomes a mention carrying its antecedent's name, so relation extractors
read "The actor has resumed the shoot" as a sentence about the actor named before.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from spacy.tokens import Span, Token

from kg.extractors import register
from kg.extractors.common import anchor, bracket_owner, cue, mentions_in_subtree, one_per_place, starts_with, tokens_of, topic
from kg.names import full_names_by_first_word, full_names_by_last_word, given_name_gender
from kg.types import ArticleContext, Mention

DETERMINERS = {"the", "this", "that", "his", "her", "their", "its", "our"}
PRONOUNS = {"he": "Person", "she": "Person"}
PART_SUFFIX = re.compile(r"\s*[–—-]?\s*\b(?:Part|Chapter|Vol\.?|Volume)\s+\w+$")


def noun_phrase(token: Token) -> Span:
    """The determiner-to-noun span of a noun (its left edge to itself)."""
    return token.doc[token.left_edge.i:token.i + 1]


def modifier(span) -> bool:
    """A name that only modifies a noun ("Justice League fans", "the Barbie shoot")."""
    return span is not None and anchor(span).dep_ == "compound" and anchor(span).head.pos_ == "NOUN"


def film_antecedent(ctx: ArticleContext, earlier: list[Mention], sent, main: Mention | None) -> Mention | None:
    """"The film" is a film named in this or the previous sentence (the main film if it is
    one of them, else one named as a subject, else the latest), else the article's main
    film: news comes back to its subject after naming others in passing. A film the
    article names only once ("the streets doubled for Philadelphia in World War Z") is
    such a passing mention, not what "the film" takes up."""
    recent_start = previous_sentence_start(ctx, sent)
    named = Counter(m.text for m in one_per_place(m for m in ctx.mentions if m.cls == "Film" and m.evidence.extractor != "coref"))
    recent = [m for m in earlier if m.cls == "Film" and m.start >= recent_start and not ctx.shadowed(m)
              and (named[m.text] > 1 or main is None) and bracket_owner(tokens_of(ctx, m)) is None  # not an aside in brackets
              and not modifier(tokens_of(ctx, m))]  # nor "Justice League fans", a film naming something else
    if not recent:
        return main
    if main is not None and any(m.text == main.text or starts_with(main.text, m.text) for m in recent):
        return main  # "2018's Black Panther ... the long-awaited sequel" in an article on "Black Panther: Wakanda Forever"
    subjects = [m for m in recent if was_subject(ctx, m)]
    return (subjects or recent)[-1]


def film_of_franchise(ctx: ArticleContext, noun: Token) -> Mention | None:
    """"The fourth film in the Bad Boys franchise", "the fifth Indiana Jones film": the
    article's film whose title begins with the franchise named, the most named one."""
    named = [m for m in mentions_in_subtree(ctx, noun, "Franchise", "Film") if m.evidence.extractor != "coref"]
    for franchise in named:
        films = Counter(m.text for m in ctx.mentions if m.cls == "Film" and m.evidence.extractor != "coref"
                        and starts_with(m.text, franchise.text))
        if films:
            best = films.most_common(1)[0][0]
            return next(m for m in ctx.mentions if m.text == best and m.cls == "Film")
    return None


def unnamed_franchise(ctx: ArticleContext, main: Mention | None, phrase: Span) -> Mention | None:
    """"the franchise" in an article on "Alien: Romulus" that never names it: the main
    film's title before its colon, unless that is a film of its own in the article."""
    if main is None or ": " not in main.text:
        return None
    name = PART_SUFFIX.sub("", main.text.split(": ", 1)[0])  # "Rebel Moon – Part One: A Child of Fire": "Rebel Moon"
    if any(m.text == name and m.cls == "Film" for m in ctx.mentions):
        return None
    return Mention(name, "Franchise", phrase.start_char, phrase.end_char, ctx.evidence(phrase.sent, "coref", 0.7))


def was_subject(ctx: ArticleContext, m: Mention) -> bool:
    span = tokens_of(ctx, m)
    return span is not None and anchor(span).dep_ in ("nsubj", "nsubjpass")


def previous_sentence_start(ctx: ArticleContext, sent: Span) -> int:
    """Where the sentence before ``sent`` starts (``sent``'s own start for the first): the
    window an anaphor looks back over."""
    previous = sent.start_char
    for s in ctx.doc.sents:
        if s.start >= sent.start:
            return previous
        previous = s.start_char
    return previous


FEMALE_NOUNS = {"actress", "star-actress"}


def role_antecedent(ctx: ArticleContext, earlier: list[Mention], noun: str = "") -> Mention | None:
    """"The director", "the actress": the person the article has been about so far, the
    one named most often (full name and last name alone counted together), then most
    often as a subject, then most recently; "the actress" is no man."""
    people = [m for m in earlier if m.cls == "Person" and not ctx.shadowed(m)]
    full_names = full_names_by_last_word(m.text for m in people)

    def key(m: Mention) -> str:
        return full_names.get(m.text, m.text)  # "Scorsese" counts for "Martin Scorsese"

    if noun in FEMALE_NOUNS:
        people = [m for m in people if given_name_gender(key(m).split()[0]) != "male"]
    titled = {key(m) for m in people if introduced_as(ctx, m, noun)}
    if titled:
        people = [m for m in people if key(m) in titled]  # "director Antoine Fuqua", then "the director", whoever is named more
    if not people:
        return None

    named = Counter(key(m) for m in people)
    subject = Counter(key(m) for m in people if was_subject(ctx, m))
    last = {key(m): n for n, m in enumerate(people)}
    best = max(named, key=lambda name: (named[name], subject[name], last[name]))
    matches = [m for m in people if key(m) == best]
    return next((m for m in reversed(matches) if m.text == best), matches[-1])  # the full name when it was written


def introduced_as(ctx: ArticleContext, person: Mention, noun: str) -> bool:
    """The person was named with this role noun before or beside the name ("director
    Antoine Fuqua", "Fuqua, the director"), and no other kind of it ("festival director")."""
    span = tokens_of(ctx, person)
    if span is None:
        return False
    doc, root = ctx.doc, anchor(span)
    nouns = [doc[span.start - 1]] if span.start > 0 else []
    nouns += [c for c in root.children if c.dep_ == "appos"]
    return any(n.lower_ == noun and not any(c.dep_ == "compound" for c in n.children) for n in nouns)  # not "festival director Alberto Barbera"


def pronoun_antecedent(ctx: ArticleContext, earlier: list[Mention], pronoun: str) -> Mention | None:
    """The person a subject pronoun takes up: the latest person who was a subject, whose
    first name does not contradict "he"/"she"; else the latest such person at all."""
    wanted = {"he": "male", "she": "female"}[pronoun]
    people = [m for m in earlier if m.cls == "Person" and not ctx.shadowed(m)]

    def fits(m: Mention) -> bool:
        return given_name_gender(m.text.split()[0]) in (wanted, "any", None)

    for pool in ([m for m in people if fits(m) and was_subject(ctx, m)], [m for m in people if fits(m)]):
        if pool:
            return pool[-1]
    return None


@register
class ShortNames:
    """A person's last name alone where NER saw nothing: "Eggers, who helmed The Witch"
    after "Robert Eggers" (NER finds a lone surname in some sentences and not others); and
    the first name only one full name starts with, in the possessive or as a proper noun
    inside a sentence, as Indian film news writes directors ("Lokesh's Master")."""

    name = "short_names"
    description = "a full name's last word alone, or its first word, where no other mention is"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        names = [m.text for m in ctx.mentions if m.cls == "Person" and m.evidence.extractor != "coref" and not ctx.shadowed(m)]
        last_words = full_names_by_last_word(names)
        first_words = {first for first, full in full_names_by_first_word(names).items() if first not in last_words}
        text, doc = ctx.article.text, ctx.doc
        for word in [*last_words, *first_words]:
            if len(word) < 3 or not word[0].isupper() or not word.isalpha():
                continue
            for match in re.finditer(r"(?<![\w@#-])" + re.escape(word) + r"(?![\w-])", text):
                if any(m.start < match.end() and match.start() < m.end for m in ctx.mentions):
                    continue
                span = doc.char_span(match.start(), match.end())
                if span is None or span.start > 0 and doc[span.start - 1].is_title and doc[span.start - 1].pos_ == "PROPN" or (
                        span.end < len(doc) and doc[span.end].is_title and doc[span.end].pos_ == "PROPN"):
                    continue  # part of another name
                if word in first_words and not (span.end < len(doc) and doc[span.end].tag_ == "POS" or span[0].pos_ == "PROPN" and span.start > span.sent.start):
                    continue
                yield Mention(word, "Person", match.start(), match.end(), ctx.evidence(span.sent, self.name, 0.6))


@register
class Coreference:
    """Resolves definite descriptions and subject pronouns to the entity named before."""

    name = "coref"
    description = "the film/movie/franchise, the actor/actress/director, he/she -> the entity named before"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        known = sorted(ctx.mentions, key=lambda m: m.start)
        first_film = topic(ctx, "Film")

        def before(position: int, cls: str, other_sentence_than: Span | None = None) -> Mention | None:
            candidates = [m for m in known if m.cls == cls and m.end <= position and not ctx.shadowed(m)]
            if other_sentence_than is not None:
                candidates = [m for m in candidates if m.end <= other_sentence_than.start_char]
            return candidates[-1] if candidates else None

        for token in ctx.doc:
            if any(m.start <= token.idx < m.end for m in known if m.cls != "Franchise"):
                continue
            found = None
            if token.lemma_.lower() in cue("film_nouns") and token.dep_ != "compound" and token.tag_ in ("NN", "NNP"):
                determiner = [c for c in token.children if c.dep_ in ("det", "poss") and c.lower_ in DETERMINERS]
                follows_title = any(m.start - token.idx - len(token) in range(0, 4) for m in known if m.cls == "Film")
                apposed = next((m for m in known if m.cls == "Film" and token.dep_ == "appos" and m.start <= token.head.idx < m.end), None)
                if determiner and not follows_title:
                    target = apposed or film_of_franchise(ctx, token) or film_antecedent(  # "Sinners, the period thriller written by ..."
                        ctx, [m for m in known if m.end <= token.idx], token.sent, first_film)
                    if target:
                        found = (noun_phrase(token), target, 0.7)
            elif token.lemma_.lower() in cue("org_anaphors") and token.tag_ == "NN" and any(c.lower_ in ("the", "this") for c in token.children):
                target = before(token.idx, "Organization")
                if target:
                    found = (noun_phrase(token), target, 0.65)
            elif token.lower_ in ("franchise", "saga") and any(c.lower_ == "the" for c in token.children):
                target = before(token.idx, "Franchise") or unnamed_franchise(ctx, first_film, noun_phrase(token))
                if target:
                    found = (noun_phrase(token), target, 0.7)
            elif token.lemma_.lower() in cue("person_anaphors") and token.tag_ == "NN":
                phrase = noun_phrase(token)
                two_people = any(c.dep_ == "conj" and c.lemma_.lower() in cue("person_anaphors") for c in token.children)  # "the director and star"
                if phrase[0].lower_ in ("the", "this") and not two_people and not any(
                        c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in token.children):
                    if not (token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].ent_type_ == "PERSON"):
                        target = role_antecedent(ctx, [m for m in known if m.end <= phrase.start_char], token.lower_)
                        if target:
                            found = (phrase, target, 0.7)
            elif token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass"):
                target = before(token.idx, "Film")
                if target and target.start >= previous_sentence_start(ctx, token.sent):
                    found = (ctx.doc[token.i:token.i + 1], target, 0.6)  # "It was written by ..." after naming the film
            elif token.lower_ in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
                target = pronoun_antecedent(ctx, [m for m in known if m.end <= token.sent.start_char], token.lower_)
                if target:
                    found = (ctx.doc[token.i:token.i + 1], target, 0.6)
            if found:
                span, target, confidence = found
                new = Mention(target.text, target.cls, span.start_char, span.end_char, ctx.evidence(span.sent, self.name, confidence))
                known.append(new)
                known.sort(key=lambda m: m.start)
                yield new
