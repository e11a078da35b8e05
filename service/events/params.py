"""Query-parameter values of GET /events that are more than a word: places, boxes, instants, page sizes."""
from __future__ import annotations

import math
import re
from datetime import datetime, timezone

import marshmallow as ma
from marshmallow import fields


# degrees as the patterns in openapi.yaml spell them (no exponent, no '+', no spaces), with their ranges
LAT = r"-?(90(\.0+)?|[1-8]?[0-9](\.[0-9]+)?)"
LON = r"-?(180(\.0+)?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]+)?)"
UNIX_SECONDS = r"[0-9]{9,11}(\.[0-9]+)?"


class Documented(fields.String):
    """A string parameter whose OpenAPI schema (SCHEMA: pattern...) says what it accepts."""

    SCHEMA: dict = {}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.metadata = {**self.SCHEMA, **self.metadata}


def _numbers(text: str, count: int, shape: str, pattern: str) -> list[float]:
    numbers = [float(part) for part in text.split(",")] if re.fullmatch(pattern, text) else []
    if len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        raise ma.ValidationError(f"expected {count} numbers: {shape}")
    return numbers


class BoundingBox(Documented):
    """`minLon,minLat,maxLon,maxLat` in degrees (WGS84), loaded as that tuple."""

    SCHEMA = {"pattern": f"^{LON},{LAT},{LON},{LAT}$"}

    def _deserialize(self, value, attr, data, **kwargs):
        min_lon, min_lat, max_lon, max_lat = _numbers(super()._deserialize(value, attr, data, **kwargs), 4,
                                                      "minLon,minLat,maxLon,maxLat", self.SCHEMA["pattern"])
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            raise ma.ValidationError("longitudes must be between -180 and 180")
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
            raise ma.ValidationError("latitudes must be between -90 and 90")
        if min_lon > max_lon or min_lat > max_lat:
            raise ma.ValidationError("the minimum must not exceed the maximum (minLon,minLat,maxLon,maxLat)")
        return min_lon, min_lat, max_lon, max_lat


class LatLon(Documented):
    """`lat,lon` in degrees (WGS84), loaded as that tuple."""

    SCHEMA = {"pattern": f"^{LAT},{LON}$"}

    def _deserialize(self, value, attr, data, **kwargs):
        lat, lon = _numbers(super()._deserialize(value, attr, data, **kwargs), 2, "lat,lon", self.SCHEMA["pattern"])
        if not -90 <= lat <= 90:
            raise ma.ValidationError("latitude must be between -90 and 90")
        if not -180 <= lon <= 180:
            raise ma.ValidationError("longitude must be between -180 and 180")
        return lat, lon


class Instant(Documented):
    """An ISO 8601 date or date-time (UTC unless it says otherwise) or Unix seconds, like ACLED's `timestamp`."""

    SCHEMA = {"anyOf": [{"format": "date-time"}, {"format": "date"}, {"pattern": f"^{UNIX_SECONDS}$"}]}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            if re.fullmatch(UNIX_SECONDS, text):
                return datetime.fromtimestamp(float(text), tz=timezone.utc)
            # an unencoded '+' in a URL arrives as a space: '...T10:00:00 02:00'
            instant = datetime.fromisoformat(re.sub(r" (\d\d:?\d\d)$", r"+\1", text))
        except (ValueError, OverflowError, OSError):
            raise ma.ValidationError("expected an ISO 8601 date-time (2024-05-01T00:00:00Z) or Unix seconds") from None
        return instant if instant.tzinfo else instant.replace(tzinfo=timezone.utc)


class PageLimit(Documented):
    """A page size, or `all` (exports only)."""

    SCHEMA = {"pattern": "^(all|0*([1-9][0-9]{0,2}|[1-4][0-9]{3}|5000))$"}  # 1 to PAGE_MAX (5000 by default)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if text == "all":
            return "all"
        if not re.fullmatch(r"[0-9]+", text):
            raise ma.ValidationError("Not a valid integer (or 'all', for exports).")
        if not text.strip("0"):
            raise ma.ValidationError("Must be greater than or equal to 1.")
        # past 18 digits, too large for any page (pagination.page_limit refuses it) without converting it all
        return int(text) if len(text.lstrip("0")) <= 18 else 10**18
