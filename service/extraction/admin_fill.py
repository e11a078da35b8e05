"""Places the text leaves open: the article's own place (for incidents told with none), and the admin1 of a place
the gazetteer does not know, from the units the article names around it.

"A bomb went off in Kaiga-Kindjiria ... the prefect of Fouli department in the Lake Chad province": an unknown
town is coded with the country in context, but its first-level unit is often named in another sentence. It is
taken from the sentences that name the town, else from the whole article, when they name exactly one unit of
that country; two or more different units leave it empty (which one is not known).
"""
from __future__ import annotations

import dataclasses

from ..vocab import countries, gazetteer
from .arg_places import ORIGIN_BEFORE, dateline_elsewhere
from .articles import find_dateline


def _units(text: str, iso3: str) -> set[tuple[str, float | None, float | None]]:
    """The first-level units of `iso3` that `text` names, as regions or through a town inside them."""
    found = set()
    for m in gazetteer.find_places(text, iso3):
        p = m.place
        if ORIGIN_BEFORE.search(text, max(0, m.start - 14), m.start):
            continue  # "labourers from Punjab province": where they came from
        if p.iso3 == iso3 and p.admin1 and p.kind in ("admin1", "region", "feature"):
            found.add((p.admin1, p.latitude, p.longitude))
    return found


# an article longer than this many sentences is searched only near the sentences naming the town
WHOLE_ARTICLE = 40
NEAR = 3


def _unit_for(name: str, iso3: str, sentences: list[str], units_of) -> tuple[str, float | None, float | None] | None:
    naming = [n for n, s in enumerate(sentences) if name in s]
    if len(sentences) <= WHOLE_ARTICLE:
        around = range(len(sentences))
    else:
        around = sorted({k for n in naming for k in range(max(0, n - NEAR), min(len(sentences), n + NEAR + 1))})
    for indices in (naming, around):
        units = set().union(*(units_of(k, iso3) for k in indices)) if indices else set()
        if len({u[0] for u in units}) == 1:
            return next(iter(units))
        if units:
            return None  # several units: which one is not known
    return None


def fill_admin1(incidents: list, sentences: list[str]) -> None:
    """Unknown towns without an admin1 take the one unit their article names for their country."""
    cache: dict[tuple[int, str], set] = {}

    def units_of(k: int, iso3: str) -> set:
        if (k, iso3) not in cache:
            cache[(k, iso3)] = _units(sentences[k], iso3)
        return cache[(k, iso3)]

    for incident in incidents:
        place = incident.place
        if place is None or place.admin1 or place.kind != "town" or place.population or not place.iso3:
            continue
        unit = _unit_for(place.name, place.iso3, sentences, units_of)
        if unit is None:
            continue
        incident.place = dataclasses.replace(
            place, admin1=unit[0], latitude=place.latitude if place.latitude is not None else unit[1],
            longitude=place.longitude if place.longitude is not None else unit[2])
        incident.note("admin1", "grouping.admin1", unit[0])


def article_place(title: str, lead: str, country: str | None):
    """Where the article as a whole happens: the headline's place, else the lead's region, else the country."""
    for text in (title, lead):
        found = [m.place for m in gazetteer.find_places(text, country)
                 if m.place.kind != "country" and (country is None or m.place.iso3 == country)
                 and not dateline_elsewhere(text, m)]
        if found:
            place = found[0]
            return gazetteer.Place(name=place.admin1 or place.name, iso3=place.iso3, country=place.country,
                                   admin1=place.admin1, admin2=None, latitude=place.latitude,
                                   longitude=place.longitude, geo_precision=3, kind="admin1")
    c = countries.by_iso3(country) if country else None
    if c is None:
        return None
    return gazetteer.Place(name=c.name, iso3=c.iso3, country=c.name, admin1=None, admin2=None,
                           latitude=None, longitude=None, geo_precision=3, kind="country")


def dateline_place(body: str, country: str | None):
    """The town a wire dateline names ("GUATEMALA CITY (AP) -"), when it lies in the article's country: where a
    crowd or an arrest that the text places nowhere else most likely was (near it: geo_precision 2)."""
    dateline = find_dateline(body)
    if dateline is None or not country:
        return None
    place = gazetteer.resolve(dateline.city.title(), country)
    if place is None or place.kind != "town" or place.iso3 != country:
        return None
    return dataclasses.replace(place, geo_precision=max(2, place.geo_precision))
