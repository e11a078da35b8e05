"""The admin1 of a place the gazetteer does not know, from the units the article names around it.

"A bomb went off in Kaiga-Kindjiria ... the prefect of Fouli department in the Lake Chad province": an unknown
town is coded with the country in context, but its first-level unit is often named in another sentence. It is
taken from the sentences that name the town, else from the whole article, when they name exactly one unit of
that country; two or more different units leave it empty (which one is not known).
"""
from __future__ import annotations

import dataclasses

from ..vocab import gazetteer
from .arg_places import ORIGIN_BEFORE


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


def _unit_for(name: str, iso3: str, sentences: list[str]) -> tuple[str, float | None, float | None] | None:
    naming = [s for s in sentences if name in s]
    for texts in (naming, sentences):
        units = _units(" ".join(texts), iso3) if texts else set()
        if len({u[0] for u in units}) == 1:
            return next(iter(units))
        if units:
            return None  # several units: which one is not known
    return None


def fill_admin1(incidents: list, sentences: list[str]) -> None:
    """Unknown towns without an admin1 take the one unit their article names for their country."""
    for incident in incidents:
        place = incident.place
        if place is None or place.admin1 or place.kind != "town" or place.population or not place.iso3:
            continue
        unit = _unit_for(place.name, place.iso3, sentences)
        if unit is None:
            continue
        incident.place = dataclasses.replace(
            place, admin1=unit[0], latitude=place.latitude if place.latitude is not None else unit[1],
            longitude=place.longitude if place.longitude is not None else unit[2])
        incident.note("admin1", "grouping.admin1", unit[0])
