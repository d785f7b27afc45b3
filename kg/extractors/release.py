"""Release dates: a date in a sentence with a release cue ("hits theaters on November 19,
2021", "premieres next Friday", "slated for March 2024"), resolved against the article date;
and the year a past film is dated by ("Batman (1989)", "2017's Logan").
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterator

from kg.extractors import register
from kg.extractors.common import WEEKDAYS, cue, film_for, governing_verb, is_negated, speculative, tokens_of
from kg.types import ArticleContext, DateValue, Relation

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
FULL_DATE = re.compile(r"(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})")
DAY_FIRST = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<month>[A-Za-z]+),? (?P<year>\d{4})")
MONTH_YEAR = re.compile(r"(?P<month>[A-Za-z]+),? (?P<year>\d{4})")
MONTH_DAY = re.compile(r"(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?$")
YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})")
MONTH_ALONE = re.compile(r"(?:(?:this|in|early|late|mid) |mid-)?(?P<month>[a-z]+)")
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's eve": (12, 31),
            "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31)}


def parse_date(text: str, published: date | None, past: bool = False) -> DateValue | None:
    """A date phrase as ISO text at the precision it gives, or None.

    Relative phrases ("next Friday", "tomorrow", "this year") need the article's date; a
    month and day without a year fall in the year that puts them before the article when
    the sentence speaks of the past ("opened on November 17"), else after it.
    """
    text = text.strip().lower().removeprefix("the ")
    holiday = next((h for h in HOLIDAYS if text.startswith(h)), None)
    if holiday is not None:
        month, day = HOLIDAYS[holiday]  # "Christmas Day next year" reads as "December 25 next year"
        text = f"{MONTH_NAMES[month - 1]} {day}{text[len(holiday):]}"
    if published is not None and re.search(r"\b(next|this) year$", text) and MONTH_DAY.search(text.rsplit(" ", 2)[0]):
        year = published.year + (1 if text.endswith("next year") else 0)  # "July 26 next year"
        text = f"{text.rsplit(' ', 2)[0]}, {year}"
    for pattern in (FULL_DATE, DAY_FIRST):
        m = pattern.search(text)
        if m and m.group("month") in MONTHS:
            try:
                return DateValue(date(int(m.group("year")), MONTHS[m.group("month")], int(m.group("day"))).isoformat())
            except ValueError:
                return None
    m = MONTH_YEAR.search(text)
    if m and m.group("month") in MONTHS:
        return DateValue(f"{m.group('year')}-{MONTHS[m.group('month')]:02d}")
    if published is None:
        m = YEAR.fullmatch(text)
        return DateValue(m.group("year")) if m else None
    m = MONTH_DAY.search(text)
    if m and m.group("month") in MONTHS:
        try:
            candidates = [date(published.year + n, MONTHS[m.group("month")], int(m.group("day"))) for n in (-1, 0, 1)]
        except ValueError:
            return None
        if past:
            candidate = max(c for c in candidates if c <= published + timedelta(days=7))
        else:  # ahead, or just gone: "a week after its June 7 debut"
            candidate = min(c for c in candidates if c >= published - timedelta(days=30))
        return DateValue(candidate.isoformat())
    m = MONTH_ALONE.fullmatch(text)
    if m and m.group("month") in MONTHS:  # "a December release": the next December, or the last one when past
        month = MONTHS[m.group("month")]
        year = published.year - (month > published.month) if past else published.year + (month < published.month)
        return DateValue(f"{year}-{month:02d}")
    if text in ("today", "tonight"):
        return DateValue(published.isoformat())
    if text == "tomorrow":
        return DateValue((published + timedelta(days=1)).isoformat())
    for n, weekday in enumerate(WEEKDAYS):
        if text.endswith(weekday):
            if past:  # "opened on Friday"
                return DateValue((published - timedelta(days=(published.weekday() - n) % 7)).isoformat())
            ahead = (n - published.weekday()) % 7 or 7
            return DateValue((published + timedelta(days=ahead)).isoformat())
    if text in ("this year", "later this year", "this summer", "this fall", "this autumn", "this winter", "this spring"):
        return DateValue(str(published.year))
    if text == "next year":
        return DateValue(str(published.year + 1))
    m = YEAR.fullmatch(text)
    return DateValue(m.group("year")) if m else None


def year_of_release(ent) -> bool:
    """A bare year or month counts only when a release word governs it ("due in 2025",
    "slated for 2026", "a December release"); "Garland's 2014 directing debut" and "moved
    back in March" give no release date."""
    month = MONTH_ALONE.fullmatch(ent.text.strip().lower())
    bare_month = month is not None and month.group("month") in MONTHS
    if not ent.text.strip().isdigit() and not ent.text.lower().startswith(("this", "next", "later")) and not bare_month:
        return True
    if bare_month and ent.root.dep_ in ("compound", "nmod", "amod") and ent.root.head.lemma_.lower() in cue("release_years"):
        return True  # "a December release", "its March premiere"
    prep = ent.root.head
    return ent.root.dep_ == "pobj" and prep.lower_ in ("in", "for", "until") and (
        prep.head.lemma_.lower() in cue("release_years") or prep.head.lower_ in cue("release_years")
    )


def replaced_date(ent) -> bool:
    """"moved from October 7, 2022 to June 2, 2023": the date it moved from is no longer its date."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "from" and any(
        t.lower_ in ("to", "until") and t.i > ent.end for t in ent.sent
    )


def moved_to(ent) -> tuple[str, bool]:
    """The date a span points to, and whether it is a target ("moved to", "pushed until",
    "from August 31 to September 21"): a target date lies ahead of the article."""
    text = ent.text
    if " to " in text:
        return text.rsplit(" to ", 1)[1], True
    root = ent.root
    return text, root.dep_ == "pobj" and root.head.lower_ in ("to", "until", "for")


RELEASE_YEAR = re.compile(r"\s*\((?P<year>(?:19|20)\d{2})\)")
YEAR_OWNER = re.compile(r"(?P<year>(?:19|20)\d{2})['’]s\s+[\"“]?$")
YEAR_MODIFIER = re.compile(
    r"(?:\b[Tt]he|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Ii]ts|['’]s)\s+(?P<year>(?:19|20)\d{2})\s+(?:[\w+-]+\s+){0,2}[a-z][\w-]*,?\s+[\"“]?$")


def year_beside(ctx: ArticleContext, film) -> str | None:
    """The year a film is dated by where it is named: "Batman (1989)", "2017's Logan", "the
    2016 college hit Kirik Party", "Tony Scott's 1986 classic Top Gun", "his 2023 Netflix
    satire El Conde", "her 2020 debut, Promising Young Woman"."""
    text = ctx.article.text
    after = RELEASE_YEAR.match(text, film.end, film.end + 9)
    before = YEAR_OWNER.search(text, max(0, film.start - 9), film.start) or YEAR_MODIFIER.search(text, max(0, film.start - 60), film.start)
    found = after or before
    return found.group("year") if found else None


@register
class Release:
    """releasedOn from DATE entities in sentences that speak of a release, and from the
    year beside a title."""

    name = "release"
    description = "releasedOn: hits theaters on, premieres, release date, due out, slated for (relative dates resolved)"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        for film in ctx.mentions:
            year = year_beside(ctx, film) if film.cls == "Film" and film.evidence.extractor != "coref" else None
            if year is not None and int(year) <= (ctx.article.date.year if ctx.article.date else 9999):
                yield Relation(film, "releasedOn", DateValue(year), ctx.evidence(tokens_of(ctx, film).sent, self.name, 0.75))
        for ent in ctx.doc.ents:
            if ent.label_ != "DATE":
                continue
            sent = ent.sent
            cues_in_sentence = [t for t in sent if t.lemma_.lower() in cue("release") or t.lower_ in cue("release")]
            if not cues_in_sentence or any(is_negated(t) for t in cues_in_sentence):
                continue
            if all(t.lemma_.lower() in cue("date_moves") for t in cues_in_sentence) and any(
                    t.lemma_.lower() in cue("strong_filming") or t.lower_ in cue("strong_filming") for t in sent):
                continue  # "Filming moved onto Laagna Road; the road is closed until July 21": a shoot, not a release
            verb = governing_verb(ent.root) or ent.root.head
            if replaced_date(ent) or verb.lemma_.lower() in cue("reporting_verbs") or is_negated(verb):
                continue  # "announced on Thursday", "will no longer open on November 3"
            text, target = moved_to(ent)
            after = ent.doc[ent.end:ent.end + 2]
            if len(after) == 2 and after[1].lower_ == "year" and after[0].lower_ in ("next", "this") and not text.endswith("year"):
                text = f"{text} {after.text}"  # "on Christmas Day next year", NER's date ending at "Day"
            past = verb.tag_ in ("VBD", "VBN") and not target and not any(
                c.lower_ in ("will", "'ll", "is", "be", "has", "have", "'s") for c in verb.children)
            value = parse_date(text, ctx.article.date, past)
            if value is not None and len(value.iso) in (4, 7) and not year_of_release(ent):
                continue
            film = film_for(ctx, sent, near=ent.root)
            if value is None or film is None:
                continue
            confidence = 0.4 if speculative(sent, near=ent.root) else 0.8
            yield Relation(film, "releasedOn", value, ctx.evidence(sent, self.name, confidence))
