"""Who does what on a film: directs, actsIn, writes, produces, worksOn.

Three cue families, all read from ``ontology/patterns/cues.json``:
role nouns next to a name ("director Christopher Nolan", "Nolan, the director",
"the actress"), role verbs with the person as subject ("Villeneuve directs", "Zendaya
stars in"), and passive or participle phrases ("directed by X", "starring X"). The film is
the one the sentence names nearest the cue, else the article's main film.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from kg.extractors import register
from kg.extractors.common import cue, film_for, is_negated, mention_at, speculative, tokens_of
from kg.types import ArticleContext, Mention, Relation


def noun_role(token: Token) -> str | None:
    """The relation a role noun implies ("director" -> directs; "casting director" -> worksOn)."""
    role = cue("role_nouns").get(token.lemma_.lower()) or cue("role_nouns").get(token.lower_)
    if role == "directs" and any(
        c.lower_ in cue("crew_director_modifiers") or (c.dep_ == "prep" and any(g.lower_ == "photography" for g in c.children))
        for c in token.children
    ):
        return "worksOn"
    return role


def role_near_name(span: Span) -> tuple[str, Token] | None:
    """A role noun just before a name (same clause) or in apposition right after it."""
    doc = span.doc
    i = span.start - 1
    steps = 0
    while i >= span.sent.start and steps < 6:
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or token.ent_type_ == "PERSON":
            break
        role = noun_role(token)
        if role:
            return role, token
        i -= 1
        steps += 1
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and noun_role(child):
            return noun_role(child), child
    if root.dep_ == "appos" and noun_role(root.head):
        return noun_role(root.head), root.head
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for attr in root.head.children:
            if attr.dep_ == "attr" and noun_role(attr):
                return noun_role(attr), attr
    return None


def role_from_verb(span: Span) -> tuple[str, Token] | None:
    """A role verb whose subject, 'by' agent or object the name is."""
    root = span.root
    verb = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in cue("role_verbs"):
        return cue("role_verbs")[verb.lemma_.lower()], verb
    if root.dep_ == "pobj" and verb.dep_ == "agent" and verb.head.lemma_.lower() in cue("role_verbs"):
        return cue("role_verbs")[verb.head.lemma_.lower()], verb.head
    if root.dep_ in ("dobj", "pobj") and verb.lower_ in ("starring", "featuring", "stars"):
        return "actsIn", verb
    if root.dep_ == "pobj" and verb.lower_ in ("with", "alongside") and verb.head.lemma_.lower() in ("star", "co-star"):
        return "actsIn", verb.head
    if root.dep_ == "nsubj" and verb.lemma_.lower() in cue("cast_joining") and any(
        w.lower_ == "cast" for w in verb.subtree
    ):
        return "actsIn", verb
    if root.dep_ == "conj":
        return role_from_verb(span.doc[root.head.i:root.head.i + 1])
    return None


@register
class Roles:
    """Roles of people on films from role nouns, role verbs and 'directed by'/'starring'."""

    name = "roles"
    description = "directs, actsIn, writes, produces, worksOn from role nouns and verbs"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        for person in [m for m in ctx.mentions if m.cls == "Person"]:
            span = tokens_of(ctx, person)
            if span is None:
                continue
            if person.evidence.extractor == "coref":
                head = span[-1]
                found = (noun_role(head), head) if noun_role(head) else None
                confidence = 0.7
            else:
                found = role_near_name(span)
                confidence = 0.85
                if not found:
                    found = role_from_verb(span)
                    confidence = 0.8
            if not found:
                continue
            role, cue_token = found
            if is_negated(cue_token):
                continue
            sent = span.sent
            film = film_for(ctx, sent, near=cue_token.idx)
            if film is None:
                continue
            if speculative(sent):
                confidence = 0.4
            yield Relation(person, role, film, ctx.evidence(sent, self.name, confidence))
