"""What the gazetteer returns: a Place, and a PlaceMention (a place named at an offset of a text)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    iso3: str
    country: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    kind: str
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place

