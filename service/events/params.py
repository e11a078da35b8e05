"""Query-parameter values of GET /events that are more than a word: places, boxes, instants, page sizes."""
from __future__ import annotations

import math
import re
from datetime import datetime, timezone

import marshmallow as ma
from marshmallow import fields


def _numbers(text: str, count: int, shape: str) -> list[float]:
    parts = text.split(",")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        numbers = []
    if len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        raise ma.ValidationError(f"expected {count} numbers: {shape}")
    return numbers


class BoundingBox(fields.String):
    """`minLon,minLat,maxLon,maxLat` in degrees (WGS84), loaded as that tuple."""

    def _deserialize(self, value, attr, data, **kwargs):
        min_lon, min_lat, max_lon, max_lat = _numbers(super()._deserialize(value, attr, data, **kwargs), 4,
                                                      "minLon,minLat,maxLon,maxLat")
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            raise ma.ValidationError("longitudes must be between -180 and 180")
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
            raise ma.ValidationError("latitudes must be between -90 and 90")
        if min_lon > max_lon or min_lat > max_lat:
            raise ma.ValidationError("the minimum must not exceed the maximum (minLon,minLat,maxLon,maxLat)")
        return min_lon, min_lat, max_lon, max_lat


class LatLon(fields.String):
    """`lat,lon` in degrees (WGS84), loaded as that tuple."""

    def _deserialize(self, value, attr, data, **kwargs):
        lat, lon = _numbers(super()._deserialize(value, attr, data, **kwargs), 2, "lat,lon")
        if not -90 <= lat <= 90:
            raise ma.ValidationError("latitude must be between -90 and 90")
        if not -180 <= lon <= 180:
            raise ma.ValidationError("longitude must be between -180 and 180")
        return lat, lon


class Instant(fields.String):
    """An ISO 8601 date or date-time (UTC unless it says otherwise) or Unix seconds, like ACLED's `timestamp`."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            if re.fullmatch(r"\d{9,}(\.\d+)?", text):
                return datetime.fromtimestamp(float(text), tz=timezone.utc)
            # an unencoded '+' in a URL arrives as a space: '...T10:00:00 02:00'
            instant = datetime.fromisoformat(re.sub(r" (\d\d:?\d\d)$", r"+\1", text))
        except (ValueError, OverflowError, OSError):
            raise ma.ValidationError("expected an ISO 8601 date-time (2024-05-01T00:00:00Z) or Unix seconds") from None
        return instant if instant.tzinfo else instant.replace(tzinfo=timezone.utc)


class PageLimit(fields.String):
    """A page size, or `all` (exports only)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip().lower()
        if text == "all":
            return "all"
        if not re.fullmatch(r"[+-]?\d{1,18}", text):
            raise ma.ValidationError("Not a valid integer (or 'all', for exports).")
        if int(text) < 1:
            raise ma.ValidationError("Must be greater than or equal to 1.")
        return int(text)
