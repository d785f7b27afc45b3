"""Name normalisation shared by extraction, merging and IRI minting."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import Iterable

import gender_guesser.detector

POSSESSIVE = re.compile(r"['’]s?$")
SUBTITLE_SEPARATORS = (": ", " – ", " — ", " - ", "! ", " and the ")  # "Black Panther: Wakanda Forever", "Shazam! Fury of the Gods"


def key(name: str) -> str:
    """A name folded for matching: accents, case, punctuation and a leading 'the' dropped.

    The same folding as the scoring contract, so names that the scorer treats as equal are
    merged here too.
    """
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = s.casefold().replace("&", " and ").strip()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^0-9a-z]", "", s)


def tidy(name: str) -> str:
    """A display name: white space collapsed, quotes and a trailing possessive removed."""
    name = re.sub(r"\s+", " ", name).strip().strip("\"“”‘’'«»")
    name = POSSESSIVE.sub("", name) if not name.endswith("s'") else name
    return name.strip(" ,.;:-–—")


def slug(name: str) -> str:
    """A readable IRI segment; names with no ASCII letters get a hash so they stay distinct."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:80].strip("-")
    if not s or len(s) * 2 < len(re.sub(r"\W", "", name)):
        s = (s + "-" if s else "x-") + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return s


@lru_cache(maxsize=1)
def _first_names() -> gender_guesser.detector.Detector:
    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=1)
def _extra_first_names() -> dict[str, str]:
    """The first names gender-guesser lacks (``given_names`` in cues.json), lower-cased."""
    from kg.extractors.common import cue  # the one reader of cues.json

    return {name.lower(): gender for gender, names in cue("given_names").items() if gender in ("male", "female") for name in names}


NOT_GIVEN_NAMES = {"the", "a", "an", "via", "new", "north", "south", "east", "west", "saint", "st", "san", "santa", "los", "las", "el", "la", "le", "de", "fort", "port", "mount", "lake", "cape"}


def given_name_gender(word: str) -> str | None:
    """"male", "female" or "any" when ``word`` is a known first name, else None.

    From gender-guesser's offline dictionary of first names of many countries.
    """
    if word.lower() in NOT_GIVEN_NAMES or not word[:1].isupper():
        return None
    extra = _extra_first_names().get(word.lower())
    if extra:
        return extra
    answer = _first_names().get_gender(word)
    if answer == "unknown":
        return None
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(answer, "any")


def person_name_parts(full_names) -> set[str]:
    """First and last words of multi-word person names: what a lone "Cruise" may stand for."""
    return {part for name in full_names if len(name.split()) > 1 for part in (name.split()[0], name.split()[-1])}


def full_names_by_last_word(names: Iterable[str]) -> dict[str, str]:
    """The full name a last name alone stands for ("Scorsese" -> "Martin Scorsese"), for the
    last names only one of the full names ends with ("Russo" of Anthony and Joe is either)."""
    return full_names_by_word(names, -1)


def full_names_by_first_word(names: Iterable[str]) -> dict[str, str]:
    """The full name a first name alone stands for ("Lokesh" -> "Lokesh Kanagaraj"), for the
    first names only one of the full names starts with."""
    return full_names_by_word(names, 0)


def full_names_by_word(names: Iterable[str], position: int) -> dict[str, str]:
    owners: dict[str, set[str]] = {}
    for name in names:
        if len(name.split()) > 1:
            owners.setdefault(name.split()[position], set()).add(name)
    return {word: next(iter(full)) for word, full in owners.items() if len(full) == 1}


INITIALLED_NAME = re.compile(r"^(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}$")


def initialled_name(name: str) -> bool:
    """"A.R. Rahman", "B. Ajaneesh Loknath", "S. S. Rajamouli": initials, then a name, as
    Indian film credits often write a person (NER takes many for companies)."""
    return bool(INITIALLED_NAME.match(name))


HYPHENATED_GIVEN_NAME = re.compile(r"^[A-Z][a-z]{0,5} [A-Z][a-z]+-[a-z]+$")


def reads_as_full_name(name: str) -> bool:
    """A first name the offline list knows, or a Korean-style name, then more: "Peter
    Jackson", "Bong Joon-ho"; not NER's person "Auckland Unlimited"."""
    words = name.split()
    return len(words) > 1 and (given_name_gender(words[0]) is not None or korean_style_name(name))


def korean_style_name(name: str) -> bool:
    """"Bong Joon-ho", "Choi Woo-shik": a short family name and a hyphenated given name,
    the usual romanisation of Korean names, which the first-name list does not know."""
    return bool(HYPHENATED_GIVEN_NAME.match(name))
