"""Who posts on which platform: "X shared ... on Instagram", "took to TikTok", "picked up
by Z on Twitter", "X's Instagram post", "follow her on Twitter" after a bio line. A passive with no agent ("was shared on TikTok")
names no poster and gives nothing.
"""
from __future__ import annotations

from typing import Iterator

from kg.extractors import register
from kg.extractors.common import anchor, cue, governing_verb, is_negated, mention_at, subject_mention, tokens_of
from kg.types import ArticleContext, Mention, Relation

AGENTS = ("Person", "Organization")


def poster_above(ctx: ArticleContext, token) -> Mention | None:
    """The subject or agent of the nearest verb above the platform that has one.

    Climbing stops at a negated verb and at a passive with no agent ("was shared on
    TikTok"): its subject is what was posted, not who posted it.
    """
    verb = governing_verb(token)
    while verb is not None and not is_negated(verb):
        poster = subject_mention(ctx, verb, *AGENTS)
        if poster is not None:
            return poster
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None
        verb = governing_verb(verb)
    return None


def followed_person(ctx: ArticleContext, token) -> Mention | None:
    """"You can follow her on Twitter @handle": the person the bio line before named."""
    verb = governing_verb(token)
    if verb is None or verb.lemma_.lower() != "follow" or not any(
        c.dep_ == "dobj" and c.lower_ in ("him", "her", "them") for c in verb.children
    ):
        return None
    before = [m for m in ctx.mentions if m.cls == "Person" and m.evidence.extractor != "coref" and m.end <= verb.sent.start_char]
    return max(before, key=lambda m: m.end) if before else None


@register
class Social:
    """postsOn from the subject or agent of the verb a platform attaches to, or a possessor of a post."""

    name = "social"
    description = "postsOn: X shared/posted on PLATFORM, took to PLATFORM, X's PLATFORM post"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        for platform in [m for m in ctx.mentions if m.cls == "Platform"]:
            span = tokens_of(ctx, platform)
            if span is None:
                continue
            root, sent = anchor(span), span.sent
            while root.dep_ == "conj" and root.head.i != root.i:  # "on Instagram, X and YouTube"
                root = root.head
            if root.dep_ == "compound" and root.head.text.startswith("@"):
                root = root.head  # "on Twitter @handle"
            poster = None
            if root.dep_ in ("compound", "poss", "nmod", "amod") and root.head.lemma_.lower() in cue("post_nouns"):
                post = root.head
                owners = [c for c in post.children if c.dep_ in ("poss", "compound") and c.i < root.i]
                owners += [c for c in root.children if c.dep_ in ("poss", "compound")]
                poster = next((mention_at(ctx, o, *AGENTS) for o in owners if mention_at(ctx, o, *AGENTS)), None)
                if poster is None and any(o.pos_ == "PRON" for o in owners):
                    poster = poster_above(ctx, post)  # "Hombale Films shared it on its Twitter and Instagram handles"
            elif root.dep_ == "pobj" and root.head.lower_ in ("on", "to", "via"):
                poster = followed_person(ctx, root) or poster_above(ctx, root)
            if poster is not None:
                yield Relation(poster, "postsOn", platform, ctx.evidence(sent, self.name, 0.8))
