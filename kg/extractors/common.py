"""Helpers every rule extractor shares: cue lexicons, spans, the film a sentence is about."""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from spacy.tokens import Span, Token

from kg.names import given_name_gender
from kg.types import ArticleContext, Mention

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]  # release dates and titles both read them
CUES_FILE = Path(__file__).resolve().parent.parent.parent / "ontology" / "patterns" / "cues.json"


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue lexicons of ``ontology/patterns/cues.json``."""
    return json.loads(CUES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def cue(name: str) -> frozenset[str] | dict:
    """One cue lexicon: a set of lemmas, or a mapping for role lexicons (built once; the
    rules ask for them per token)."""
    value = cues()[name]
    return value if isinstance(value, dict) else frozenset(value)


@lru_cache(maxsize=None)
def cue_union(*names: str) -> frozenset[str]:
    """Several cue lexicons as one set (built once; rules test tokens against it)."""
    return frozenset().union(*map(cue, names))


def tokens_of(ctx: ArticleContext, mention: Mention) -> Span | None:
    """The tokens a mention covers (expanded to token bounds)."""
    return ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")


def anchor(span: Span) -> Token:
    """The token that ties a span to the rest of its sentence.

    ``Span.root`` can be a token the parser wrongly made the sentence root ("Kirsten" in
    "Kirsten Dunst plays Lee"); the token whose head lies outside the span is the tie. Of
    two, a compound is the parser's slip ("Jaume" of "Jaume Collet-Serra's Black Adam" made
    part of the title), so the other ties the name.
    """
    outside = [t for t in span if not (span.start <= t.head.i < span.end) and t.dep_ != "ROOT"]
    ties = [t for t in outside if t.dep_ != "compound"] or outside
    return ties[0] if ties else span.root


def mention_at(ctx: ArticleContext, token: Token, *classes: str) -> Mention | None:
    """The shortest mention covering a token, optionally of some classes only."""
    covering = [
        m for m in ctx.mentions
        if m.start <= token.idx < m.end and (not classes or m.cls in classes)
    ]
    return min(covering, key=lambda m: (m.end - m.start, m.start), default=None)


def mentions_in_subtree(ctx: ArticleContext, token: Token, *classes: str) -> list[Mention]:
    """Mentions whose first character lies in a token's subtree, in text order."""
    subtree = list(token.subtree)
    start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    return [m for m in ctx.mentions if start <= m.start < end and (not classes or m.cls in classes)]


def bare(title: str) -> str:
    """Lower case, without a leading "the", for comparing title beginnings."""
    return re.sub(r"^the\s+", "", title.lower())


def starts_with(title: str, franchise: str) -> bool:
    """"Mission: Impossible 7" begins with the franchise "Mission: Impossible"."""
    title, franchise = bare(title), bare(franchise)
    return title.startswith(franchise) and len(title) > len(franchise) and not title[len(franchise)].isalnum()


def lead_end(doc, sentences: int = 2) -> int:
    """Character offset where the lead (the first sentences) ends: news names its subject there."""
    ends = [s.end_char for _, s in zip(range(sentences), doc.sents)]
    return ends[-1] if ends else 0


def one_per_place(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per place in the text, however many extractors found it there, in text
    order: a title two rules found is still named once."""
    return sorted({(m.start, m.end): m for m in mentions}.values(), key=lambda m: m.start)


def topic(ctx: ArticleContext, cls: str) -> Mention | None:
    """The article's main entity of a class: most mentioned, with a mention in the lead
    (the first two sentences) worth two more and being the first subject of the lead one
    more, as news names its subject first; first mentioned on a tie."""
    found = one_per_place(m for m in ctx.mentions if m.cls == cls and m.evidence.extractor != "coref" and not ctx.shadowed(m))
    if not found:
        return None
    lead = lead_end(ctx.doc)
    past = {id(m) for m in found if names_past_work(ctx, m) or in_person_brackets(ctx, tokens_of(ctx, m))}
    weight: Counter = Counter()
    for m in found:
        weight[m.text] += 0.5 if id(m) in past else 1
    in_lead = {m.text for m in found if m.start < lead and id(m) not in past}
    for name in in_lead:
        weight[name] += 2
    for m in found:
        if m.start >= lead:
            break
        span = tokens_of(ctx, m)
        if span is not None and anchor(span).dep_ in ("nsubj", "nsubjpass") and id(m) not in past:
            weight[m.text] += 1  # the lead's subject, the headline's stand-in
            break
    named_enough = [name for name in weight if name in in_lead or weight[name] >= 2]  # not a spin-off named once further down
    for short, count in list(weight.items()):  # "Dune" in an article about "Dune: Part Two" speaks of it too
        for full in named_enough:
            if full != short and starts_with(full, short):
                weight[full] += count
    best = max(weight.values())
    return next(m for m in found if weight[m.text] == best)


def names_past_work(ctx: ArticleContext, mention: Mention) -> bool:
    """"Parks and Recreation star Nick Offerman", "Game of Thrones alum": a title worn as a
    badge by a person names earlier work, not what the article is about."""
    following = ctx.article.text[mention.end:mention.end + 60].replace(",", " ").split()  # Doc.text is rebuilt per call
    while following and (following[0] in ("and", "&") or following[0][:1].isupper()):
        following.pop(0)  # "Parks and Recreation and Devs star"
    return bool(following) and following[0] in cue("past_work_followers")


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up_a = [a, *a.ancestors]
    depth_in_a = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth_in_a:
            return n + depth_in_a[t.i]
    return len(up_a) + 99


def hangs_off(span: Span | None, owner: Token, cue_token: Token) -> bool:
    """Going up the parse from the span, the owner comes before the cue word."""
    if span is None or span.start <= owner.i < span.end:
        return False
    node = anchor(span)
    while node.head.i != node.i:
        node = node.head
        if node.i == cue_token.i:
            return False
        if node.i == owner.i:
            return True
    return False


NEAR_ENOUGH = 4  # arcs: "Director X's FILM" is 2, "FILM, directed by X" 3, a film in a side clause more


def film_for(ctx: ArticleContext, sent: Span, near: Token | None = None, aside: Token | None = None) -> Mention | None:
    """The film a fact of the sentence is about.

    The film the parse ties closely to the cue word ``near`` when there is one; else the
    article's main film (a film named in a side clause, "who won an Oscar for La La Land",
    is not what the sentence is about); else the sentence's first film. A film in a phrase
    hanging off ``aside`` (the person the fact is about) is their past work: "Simu Liu, best
    known for Kim's Convenience, stars as ...".
    """
    spans = {id(m): tokens_of(ctx, m) for m in ctx.mentions_in(sent, "Film")}
    films = [m for m in ctx.mentions_in(sent, "Film") if not ctx.shadowed(m) and not in_person_brackets(ctx, spans[id(m)])
             and not (aside is not None and near is not None and hangs_off(spans[id(m)], aside, near))
             and not in_persons_clause(spans[id(m)], near)]
    if not films:
        return topic(ctx, "Film")
    if near is None:
        return films[0]
    distance = {id(m): tree_distance(near, anchor(spans[id(m)])) for m in films if spans[id(m)] is not None}
    closest = min(films, key=lambda m: (distance.get(id(m), 999), abs(m.start - near.idx)))
    if distance.get(id(closest), 999) <= NEAR_ENOUGH:
        return closest
    main = topic(ctx, "Film")
    return closest if main is None else main


def in_persons_clause(span: Span | None, near: Token | None) -> bool:
    """In a relative clause on a person that the cue word stands outside of: "Rosamund Pike,
    whose résumé runs to I Care a Lot, returns as Moiraine, alongside Daniel Henney" is
    her earlier work, not what the cast list joins."""
    if span is None or near is None:
        return False
    clause = relative_clause(anchor(span))
    return clause is not None and clause.head.ent_type_ == "PERSON" and not clause.left_edge.i <= near.i <= clause.right_edge.i


def relative_clause(token: Token) -> Token | None:
    """The verb of the nearest relative clause the token stands in, if any."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "relcl":
            return node
        node = node.head
    return None


def bracket_owner(span: Span | None) -> Token | None:
    """The word right before the open bracket the span stands in, within its paragraph
    (the parser may end a sentence inside the bracket): "Pascal" for "Narcos" in "Pedro
    Pascal (The Mandalorian, Narcos)"."""
    if span is None:
        return None
    for token in reversed(span.doc[max(0, span.start - 60):span.start]):
        if token.text == ")" or "\n" in token.text:
            return None
        if token.text == "(":
            return span.doc[token.i - 1] if token.i > 0 and "\n" not in span.doc[token.i - 1].text else None
    return None


def in_person_brackets(ctx: ArticleContext, span: Span | None) -> bool:
    """Inside brackets right after a person's name: "Pedro Pascal (The Mandalorian, Narcos)"
    names his earlier work, not the film the sentence is about."""
    owner = bracket_owner(span)
    return owner is not None and (mention_at(ctx, owner, "Person") is not None or owner.ent_type_ == "PERSON" or (
        owner.pos_ == "PROPN" and owner.i > 0 and given_name_gender(owner.doc[owner.i - 1].text) is not None))  # "Ray Fisher", whom NER missed


LIST_WORDS = {",", "and", "or", '"', "“", "”", "‘", "’", "'"}


def is_list_gap(tokens: Span) -> bool:
    """Only commas, "and"/"or" and quote marks between two names: they are one list."""
    return len(tokens) > 0 and all(t.lower_ in LIST_WORDS for t in tokens)


def listed_films(ctx: ArticleContext, sent: Span, film: Mention, near: Token) -> list[Mention]:
    """The film and the films written in one list with it: "who helmed The Witch and The
    Lighthouse" names two films the role holds for, when the parse ties the first closely
    to the cue word ``near``. A list with the article's main film in it is no filmography
    ("Doomsday and Secret Wars" share a cast only in part)."""
    span = tokens_of(ctx, film)
    if span is None or tree_distance(near, anchor(span)) > 2:
        return [film]
    films = sorted((m for m in ctx.mentions_in(sent, "Film") if m.evidence.extractor != "coref" and not ctx.shadowed(m)), key=lambda m: m.start)
    if film not in films:
        return [film]
    spans = [tokens_of(ctx, m) for m in films]
    i = films.index(film)
    found = [film]
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(films):
            a, b = sorted((j, j + step))
            if spans[a] is None or spans[b] is None or not is_list_gap(ctx.doc[spans[a].end:spans[b].start]):
                break
            j += step
            found.append(films[j])
    main = topic(ctx, "Film") if len(found) > 1 else None
    return [film] if main is not None and any(m.text == main.text for m in found) else found


def is_negated(token: Token) -> bool:
    """A negation on the token or on the verb that governs it ("will not shoot in")."""
    negations = cue("negations")
    for node in (token, token.head):
        for child in node.children:
            if (child.dep_ == "neg" or child.lower_ in negations) and not any(
                    t.lower_ in ("just", "only", "merely", "simply") for t in token.doc[child.i + 1:child.i + 3]):
                return True  # but "doesn't just star here": he does, and more
            if child.lower_ == "longer" and any(c.lower_ == "no" for c in child.children):
                return True  # "will no longer open"
    return False


def speculative(sent: Span, near: Token | None = None) -> bool:
    """The sentence hedges ("rumoured", "reportedly", "denied"): its facts get low confidence.
    A hedge inside a relative clause the fact's cue word is not in hedges only that clause
    ("The film, which Netflix is reportedly financing, stars Ryan Gosling")."""
    words = cue("speculation")
    return any((t.lemma_.lower() in words or t.lower_ in words) and t.ent_type_ != "DATE" and t.pos_ != "PROPN"  # not "since May"
               and not (near is not None and outside_clause(t, near)) for t in sent)


def outside_clause(token: Token, near: Token) -> bool:
    """The token lies in a relative clause that does not hold ``near``."""
    clause = relative_clause(token)
    return clause is not None and not clause.left_edge.i <= near.i <= clause.right_edge.i


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token in the parse, or None."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def subject_mention(ctx: ArticleContext, verb: Token, *classes: str) -> Mention | None:
    """The active subject of a verb, or the 'by' agent of a passive one, as a mention."""
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            found = mention_at(ctx, child, *classes)
            if found:
                return found
        if child.dep_ == "agent":
            found = mentions_in_subtree(ctx, child, *classes)
            if found:
                return found[0]
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    above = verb.head
    if verb.dep_ == "pcomp" and above.pos_ == "ADP":  # "HBO marked the day by sharing a photo"
        above = above.head
    if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and above.i != verb.i and above.pos_ in ("VERB", "AUX"):
        return subject_mention(ctx, above, *classes)
    return None


def stands_in(place: Token) -> Token | None:
    """The verb by which a place stands in for another on screen: "Richmond Green doubled as
    Ted's commute", "the castle stood in for the fortress", "Glasgow has been turned into
    New York", "the deli was transformed into a dress shop", "the crew dressed X as Y"."""
    verb = place.head
    if place.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.lemma_.lower() not in cue("stand_in_verbs"):
        return None
    if place.dep_ == "nsubj" and verb.lemma_.lower() in ("transform", "turn", "dress"):
        return None  # "Paris transformed its streets": the place acts, nothing stands in for it
    preps = [c for c in verb.children if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("as", "for", "into")]
    if any(p.lower_ == "as" and any(g.dep_ == "pobj" and (g.lemma_.lower() in cue("role_nouns") or g.lemma_.lower() in cue("job_nouns"))
                                     for g in p.children) for p in preps):
        return None  # "Larkin Seiple served as cinematographer" is a job, not a part a place plays
    return verb if preps else None
