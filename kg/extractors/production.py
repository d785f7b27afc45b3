"""Organisations behind and beside a film.

producedBy: "Netflix's upcoming film", "a Warner Bros. release", "produced/distributed by
ORG", "premieres on Netflix". supports: "thanks to ORG", "with support from ORG", and film
commissions, incentives and funds named in such a sentence.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from kg.extractors import register
from kg.extractors.common import anchor, cue, film_for, governing_verb, is_negated, mention_at, mentions_in_subtree, speculative, tokens_of
from kg.types import ArticleContext, Relation


def is_cue_word(token: Token, *lexicons: str) -> bool:
    return any(token.lemma_.lower() in cue(name) or token.lower_ in cue(name) for name in lexicons)


def producing_person(person: Token) -> bool:
    """The person (or the list they stand in) is the subject of a producing verb."""
    while person.dep_ in ("conj", "appos") and person.head.i != person.i:
        person = person.head
    return person.dep_ == "nsubj" and is_cue_word(person.head, "production_verbs")


def produced_by_cue(span: Span, ctx: ArticleContext) -> bool:
    """The organisation is tied to the film by possession, a production noun or verb.

    "Netflix's Stranger Things", "an HBO drama", "produced by / for / through ORG",
    "ORG is financing the picture", "premieres on Hulu", "the studio behind the saga".
    """
    root = anchor(span)
    while root.dep_ in ("conj", "appos") and root.head.i != root.i and root.head.pos_ in ("PROPN", "NOUN"):
        if root.dep_ == "appos" and root.head.lemma_.lower() in cue("production_roles"):
            return True  # "the film's producers, Eon Productions"
        root = root.head  # "for Eon Productions and MGM", "by Park's company Moho Film"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in cue("coproduction_nouns"):
        return True  # "a co-production with Sony Pictures Television, in association with ..."
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "banner":
        return True  # "under the banner of Mythri Movie Makers"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.ent_type_ == "PERSON" and producing_person(head.head):
        return True  # "Tessa Ross and Juliette Howell of House Productions produced alongside Durkin"
    if root.dep_ == "nsubj" and head.lemma_.lower() == "set" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("premiere", "date", "release", "debut") for c in head.children):
        return True  # "Apple TV+ has set a March 15 premiere for the third season"
    if root.dep_ == "poss" and (is_cue_word(head, "production_nouns", "film_nouns") or mention_at(ctx, head, "Film")):
        return True
    doc = root.doc
    if root.i + 2 < len(doc) and doc[root.i + 1].tag_ == "POS" and mention_at(ctx, doc[root.i + 2], "Film"):
        return True  # "FX's Shōgun premieres", however the parser hangs the possessive
    if root.dep_ == "npadvmod" and head.tag_ == "VBN" and is_cue_word(head, "production_subject_verbs", "production_verbs"):
        return True  # "the Netflix-backed Okja"
    if root.dep_ == "nsubj" and any(c.dep_ == "xcomp" and is_cue_word(c, "production_subject_verbs") for c in head.children):
        return True  # "Warner Bros continues filming The Batman"
    if root.dep_ in ("compound", "nmod", "amod") and is_cue_word(head, "production_nouns", "film_nouns"):
        return True
    if root.dep_ == "pobj" and head.lower_ in cue("production_preps"):
        above = head.head.head if head.dep_ == "agent" or head.head.dep_ == "agent" else head.head
        if is_cue_word(head.head, "production_verbs") or is_cue_word(above, "production_verbs") or head.head.lemma_.lower() in ("producer", "studio"):
            return True
    if root.dep_ == "pobj" and head.lower_ == "for":
        verb = head.head.head.head if head.head.dep_ == "pobj" and head.head.head.dep_ == "agent" else head.head
        if verb.tag_ == "VBN" and verb.lemma_.lower() in cue("made_for_verbs"):
            return True  # "written and directed by McDonagh for Searchlight Pictures", "made for Netflix", not "writes for Variety"
    if root.dep_ == "pobj" and head.lower_ in ("on", "to") and is_cue_word(head.head, "streaming_verbs"):
        return True
    if root.dep_ == "pobj" and head.lower_ in ("via", "through") and is_cue_word(head.head, "release", "title_release_verbs"):
        return True  # "opens on Friday via 20th Century Studios", "its release through Sony Pictures Releasing"
    if root.dep_ == "pobj" and head.lower_ == "from" and is_cue_word(head.head, "film_nouns"):
        return True
    if root.dep_ == "nsubj" and is_cue_word(head, "production_subject_verbs"):
        return True
    if root.dep_ == "nsubj" and head.lemma_.lower() in cue("studio_announcing_verbs") and any(
        mentions_in_subtree(ctx, c, "Film") for c in head.children if c.dep_ in ("ccomp", "dobj")
    ):
        return True  # "Warner Bros. and Legendary announced that Dune: Part Two will open ..."
    if root.dep_ == "nsubj" and head.lemma_ == "be" and any(
        c.dep_ == "attr" and c.lemma_.lower() in cue("production_roles") for c in head.children
    ):
        return True  # "Element Pictures is again a producer on the new film"
    if any(c.dep_ == "relcl" and is_cue_word(c, "production_verbs", "production_subject_verbs") for c in root.children):
        return True  # "Element Pictures, which produced Poor Things"
    return any(
        c.dep_ == "appos" and c.lemma_.lower() in ("studio", "streamer", "company", "banner", "network", "distributor")
        and any(p.lower_ in ("behind", "of", "producing") for p in c.children)
        for c in root.children
    )


def supports_cue(span: Span) -> bool:
    """The organisation is thanked, credited with support, or is a commission/fund."""
    words = {t.lemma_.lower() for t in span.sent} | {t.lower_ for t in span.sent}
    if not words & cue("support"):
        return False
    node = anchor(span)
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ == "pobj" and (head.head.lemma_.lower() in cue("support") or head.head.lower_ in cue("support")):
        return True
    if node.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in cue("support"):
        return True
    return any(w in span.text.lower() for w in cue("support_org_words"))


@register
class Production:
    """producedBy and supports between organisations and films."""

    name = "production"
    description = "producedBy: ORG's film, an ORG release, produced by ORG; supports: thanks to / support from ORG"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        for org in [m for m in ctx.mentions if m.cls == "Organization"]:
            span = tokens_of(ctx, org)
            if span is None or ctx.shadowed(org):
                continue  # NER's company "Thunderbolts" that the titles extractor reads as the film
            sent = span.sent
            verb = governing_verb(anchor(span))
            if verb is not None and is_negated(verb):
                continue
            confidence = 0.4 if speculative(sent, near=anchor(span)) else 0.8
            if produced_by_cue(span, ctx):
                film = film_for(ctx, sent, near=anchor(span))
                if film:
                    yield Relation(film, "producedBy", org, ctx.evidence(sent, self.name, confidence))
            elif supports_cue(span):
                film = film_for(ctx, sent, near=anchor(span))
                if film:
                    yield Relation(org, "supports", film, ctx.evidence(sent, self.name, confidence - 0.1))
