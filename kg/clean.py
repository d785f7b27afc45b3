"""Drop page furniture from article text before analysis: pure ``str -> str`` steps.

Each step removes whole lines of one kind of furniture, so it can be tested alone with a
(text, expected) table. The author bio line is kept: it gives the article's author facts.
"""
from __future__ import annotations

import re
from typing import Callable

PLATFORM_WORDS = r"(?:facebook|instagram|twitter|x|youtube|tiktok|threads|whatsapp|linkedin|pinterest|reddit|snapchat|telegram|email|e-mail|copy link)"


def _drop_lines(pattern: str) -> Callable[[str], str]:
    regex = re.compile(pattern, re.IGNORECASE)

    def step(text: str) -> str:
        return "\n".join(line for line in text.split("\n") if not regex.search(line.strip()))

    return step


drop_advertisements = _drop_lines(
    r"^(?:advertisement|advertisements|sponsored(?: content)?|ad|story continues below(?: this)? advertisement)$"
)
drop_advertisements.__doc__ = "Lines that only say 'Advertisement' or 'Sponsored'."

drop_teasers = _drop_lines(
    r"^(?:must[- ]read|also read|also see|also watch|read more|read also|more|related|recommended|don'?t miss|trending"
    r"|keep (?:scrolling|reading)[^:|]{0,40}|you (?:may|might) also like|see also|up next|more from [^:|]{1,30}|watch next"
    r"|most popular|most read|popular now|trending now|editor'?s picks?|read next|read this next|next read)"
    r"(?: stories| story| news| links?| articles?| reading| on \w+)?\s*[:|\-–—]"
)
drop_teasers.__doc__ = "'Must Read: ...', 'Also Read: ...', 'Read More: ...' links to other stories."

SHARE_ITEM = rf"(?:(?:share|pin|post|tweet|send|print|save)(?: it| this| on| to| via)?\s*:?\s*{PLATFORM_WORDS}?|{PLATFORM_WORDS})"

drop_social_bars = _drop_lines(
    rf"^(?:follow us|follow\b.{{0,30}}\bon\s*:)|^share(?: this)?(?: article| story| post| page)?(?: on| via)?\s*:?(?:\s*{PLATFORM_WORDS}[\s|,/•·]*)*$"
    rf"|^(?:{PLATFORM_WORDS}[\s|,/•·]*){{2,}}$|^{SHARE_ITEM}(?:\s*[|•·/]\s*{SHARE_ITEM})+$"
)
drop_newsletter_prompts = _drop_lines(r"^(?:subscribe|sign up|join)\b[^.!?]{0,80}\b(?:newsletter|updates|alerts|mailing list)\b[^.!?]{0,30}[.!]?$")
drop_newsletter_prompts.__doc__ = "'Subscribe to our weekly newsletter' and sign-up prompts."

drop_social_bars.__doc__ = "'Follow Us' and share lines ('Pin it | Share on X'), and lines made only of platform names."

drop_embeds = _drop_lines(
    r"^view this post on (?:instagram|tiktok|facebook|threads)|^a post shared by\b[^.!?]*\(@[\w.]+\)|pic\.twitter\.com/"
    r"|^[—–-]\s*.{1,80}\(@\w+\)\s*\w+ \d{1,2}, \d{4}$|^watch (?:the|this) video(?: here| below)?\s*:?$"
    r"|^(?:watch|see) the (?:trailer|video|clip|post) (?:here|below)\s*:?$"
)
drop_embeds.__doc__ = "Social-media embed boilerplate: 'View this post on Instagram', tweet footers, video prompts."

drop_photo_credits = _drop_lines(
    r"^\(?(?:photo|image|picture|pic|video|featured image|main image|header image|photograph)s?(?: credits?| courtesy| source)?\s*(?::|\||–|—|courtesy\b)"
    r"|^\(?(?:photo|image)s? by [^.!?]{1,60}$|^(?:photo|image|picture)s?\s*[-–—]\s*[^.!?]{1,50}$|^(?:credit|credits|source|courtesy)\s*:|^\(?(?:getty images|shutterstock|ap photo|reuters)\b"
)
drop_photo_credits.__doc__ = "Photo-credit lines: 'Photo: Getty Images', 'Image credit: Netflix'."


def collapse_blank_lines(text: str) -> str:
    """Runs of blank lines become one, and the ends are trimmed."""
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


CLEANING_STEPS: tuple[Callable[[str], str], ...] = (
    drop_advertisements,
    drop_teasers,
    drop_social_bars,
    drop_newsletter_prompts,
    drop_embeds,
    drop_photo_credits,
    collapse_blank_lines,
)


def clean_text(text: str) -> str:
    """Apply every cleaning step in order."""
    for step in CLEANING_STEPS:
        text = step(text)
    return text
