"""Places as stored: a country by code or name, and the reusable `locations` rows."""
from __future__ import annotations

from ..errors import Unprocessable
from ..vocab import countries


def resolve_country(iso3: str | None, country: str | None) -> tuple[str, str]:
    """(ISO3, country name) from either; both given must agree. Unknown → 422."""
    by_code = countries.by_iso3(iso3) if iso3 else None
    if iso3 and by_code is None:
        raise Unprocessable(f"unknown country code {iso3!r}", errors={"iso3": ["not an ISO 3166-1 alpha-3 code"]})
    by_name = countries.lookup(country) if country else None
    if country and by_name is None:
        raise Unprocessable(f"unknown country {country!r}", errors={"country": ["unknown country name"]})
    if by_code and by_name and by_code.iso3 != by_name.iso3:
        raise Unprocessable(f"iso3 {iso3} is not {country}", errors={"country": [f"does not match iso3 {iso3}"]})
    found = by_code or by_name
    return found.iso3, found.name


def upsert_location(session, place: dict) -> int:
    """The id of the place (iso3, admin1, admin2, location); created when new, reused when known."""
    iso3, country = resolve_country(place.get("iso3"), place.get("country"))
    row = session.one("upsert_location", {
        "iso3": iso3, "country": country,
        "admin1": (place.get("admin1") or "").strip() or None,
        "admin2": (place.get("admin2") or "").strip() or None,
        "location": place["location"].strip(),
        "latitude": place.get("latitude"), "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision") or 1,
    })
    return row["id"]
