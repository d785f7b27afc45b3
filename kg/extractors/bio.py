"""Who works for whom, and who wrote the article: "X is the weekend editor for Z",
"X, a staff writer at Z", "Z's X", "X of Z". A journalist bio near the end of the article
also gives the article's author and publisher.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg import geo
from kg.extractors import register
from kg.extractors.common import anchor, cue, cue_union, mention_at, tokens_of
from kg.types import ArticleContext, ArticleMeta, Fact, Mention, Relation

EMPLOYER_PREPS = ("for", "at", "with", "of")


def employer_of(ctx: ArticleContext, noun: Token) -> tuple[Token, Mention | None] | None:
    """The organisation a role noun (or a reporting verb) is 'for'/'at'/'of', or whose
    possessive it carries; the preposition may hang on the verb's object too."""
    preps = [c for c in noun.children if c.dep_ in ("prep", "dative") and c.lower_ in EMPLOYER_PREPS]
    if noun.pos_ == "VERB":
        preps += [p for c in noun.children if c.dep_ in ("dobj", "prep") for p in c.subtree if p.dep_ in ("prep", "dative") and p.lower_ in ("for", "at", "with")]
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN" and child.ent_type_ != "PERSON" and mention_at(ctx, child, "Person") is None:
            return child, mention_at(ctx, child, "Organization")  # but "Eggers' longtime producing partner" works with him
    reporting = noun.lemma_.lower() in cue_union("journalist_verbs", "journalist_nouns")
    for prep in preps:
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and obj.ent_type_ != "PERSON":
                org = mention_at(ctx, obj, "Organization")
                if org is None and (obj.ent_type_ in ("GPE", "LOC") and not reporting or geo.lookup(obj.text)):
                    continue  # "Diana, Princess of Wales": a title of a place, no employer; but "covers film for Octane Reel"
                return obj, org
    return None


@register
class Bio:
    """worksFor from bios and appositions; the article's author and publisher from its bio line."""

    name = "bio"
    description = "worksFor: 'X is an editor for Z', 'X, a writer at Z'; article author and publisher"

    def extract(self, ctx: ArticleContext) -> Iterator[Fact]:
        sentences = list(ctx.doc.sents)
        tail_start = sentences[-3].start_char if len(sentences) >= 3 else 0
        for person in [m for m in ctx.mentions if m.cls == "Person" and m.evidence.extractor != "coref"]:
            span = tokens_of(ctx, person)
            if span is None:
                continue
            root = anchor(span)
            nouns = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                nouns += [c for c in root.head.children if c.dep_ == "attr"]
            elif root.dep_ == "nsubj" and root.head.lemma_.lower() in cue("journalist_verbs") and person.start >= tail_start:
                nouns.append(root.head)  # the bio line: "X covers film for Z", "X writes about TV for Z"
            nouns += [c for n in nouns for c in n.conjuncts]
            for noun in nouns:
                if mention_at(ctx, noun, "Film") is not None:
                    continue  # "Bella Ramsey (Game of Thrones)": a title, not a job "of" a company
                found = employer_of(ctx, noun)
                if not found:
                    continue
                token, org = found
                sent = span.sent
                if org is None:
                    first = next(t for t in token.subtree if t.pos_ in ("PROPN", "NOUN", "NUM") or t.text == "&")
                    phrase = ctx.doc[first.i:token.i + 1]
                    org = Mention(phrase.text, "Organization", phrase.start_char, phrase.end_char, ctx.evidence(sent, self.name, 0.9))
                    yield org
                yield Relation(person, "worksFor", org, ctx.evidence(sent, self.name, 0.85))
                journalist = noun.lemma_.lower() in cue("journalist_nouns") or any(
                    t.lemma_.lower() in cue("journalist_nouns") for t in noun.subtree
                )
                if journalist and person.start >= tail_start:
                    yield ArticleMeta(author=person, publisher=org)
            employer = titled_by_organization(ctx, span) or owned_organization(ctx, span) or led_organization(ctx, span)
            if employer is not None:
                yield Relation(person, "worksFor", employer, ctx.evidence(span.sent, self.name, 0.75))


def owned_organization(ctx: ArticleContext, span) -> Mention | None:
    """"Karan Johar's Dharma Productions", "Farhan Akhtar and Ritesh Sidhwani's Excel
    Entertainment": a company its founders' names own."""
    token = anchor(span)
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "poss" or mention_at(ctx, token.head, "Film") is not None:
        return None  # "Alia Bhatt's Brahmastra" is her film, whatever NER calls it
    return mention_at(ctx, token.head, "Organization")


def titled_by_organization(ctx: ArticleContext, span) -> Mention | None:
    """"Netflix's Ted Sarandos", "Marvel Studios president Kevin Feige", "DC Studios
    co-chiefs James Gunn and Peter Safran": a job title owned by an organisation."""
    doc = ctx.doc
    lead = span
    while anchor(lead).dep_ == "conj" and anchor(lead).head.i < lead.start:  # "... James Gunn and Peter Safran"
        head = anchor(lead).head
        lead = doc[head.left_edge.i if head.left_edge.pos_ == "PROPN" else head.i:head.i + 1]
    i = lead.start - 1
    while i >= 0 and (doc[i].lower_ in cue("job_nouns") or doc[i].text in ("-",)):
        i -= 1
    if i < 0 or i == lead.start - 1 and doc[i].tag_ != "POS":
        return None  # no job title, and no "Netflix's" either
    owner = doc[i - 1] if doc[i].tag_ == "POS" and i > 0 else doc[i]
    return mention_at(ctx, owner, "Organization")


def led_organization(ctx: ArticleContext, span) -> Mention | None:
    """"Helen Marsh, who leads the Bath Film Office", "Pete Docter now runs Pixar": the
    organisation a person heads, runs or founded."""
    root = anchor(span)
    verbs = [c for c in root.children if c.dep_ == "relcl"] + ([root.head] if root.dep_ == "nsubj" else [])
    for verb in verbs:
        if verb.lemma_.lower() in cue("leading_verbs"):
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                org = mention_at(ctx, obj, "Organization")
                if org is not None:
                    return org
    return None
