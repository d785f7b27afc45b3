"""Hashtags that name an entity the article already mentions (#missionimpossible).

A hashtag is matched by its folded letters against the names of the article's mentions;
hashtags that match nothing (#setlife) give nothing.
"""
from __future__ import annotations

import re
from typing import Iterator

from kg.extractors import register
from kg.names import key
from kg.types import ArticleContext, Mention

HASHTAG = re.compile(r"#(\w{3,})")


@register
class Hashtags:
    """Hashtags that spell out a known entity's name."""

    name = "hashtags"
    description = "hashtags naming an entity mentioned in the article (#missionimpossible)"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        known: dict[str, Mention] = {}
        for m in ctx.mentions:
            known.setdefault(key(m.text), m)
        for match in HASHTAG.finditer(ctx.doc.text):
            target = known.get(key(match.group(1)))
            span = ctx.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if target and span is not None:
                yield Mention(target.text, target.cls, match.start(), match.end(), ctx.evidence(span.sent, self.name, 0.7))
