"""The common row of an ACLED-layout file turned into its staging row without the general checks' overhead.

`FastRows(header).row(line, cells)` gives exactly what `acled_rows.staging_row` gives for a row it can vouch
for (every cell plain: the right number of cells, no NUL, numbers in their usual spelling, known values), and
None otherwise: the caller then runs `staging_row`, which decides and words any error. Values that repeat across
a file (days, countries, types, inter codes, precisions) are checked once each and remembered. A million-row
file spent most of its import reading rows through the general path; this one is several times faster.
"""
from __future__ import annotations

from datetime import datetime, timezone

from .acled_rows import (INT4_MAX, BadRow, _country, _created_changes, _date, _kind_of)

# the columns a fast row reads; any other column is ignored, as staging_row ignores it
_TEXTS = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
          "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "iso", "country",
          "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes",
          "fatalities", "timestamp")
_PRECISION = {"": 1, "1": 1, "2": 2, "3": 3}
_INTER = {str(code): code for code in range(1, 9)}


class FastRows:
    def __init__(self, header: list[str]):
        position = {name: i for i, name in enumerate(header)}  # a repeated name: its last cell, as a DictReader
        self.width = len(header)
        self.at = tuple(position.get(name) for name in _TEXTS)
        self.kinds: dict = {}
        self.places: dict = {}

    def _cells(self, cells: list[str]) -> list[str] | None:
        if len(cells) != self.width:
            return None
        return [cells[i].strip() if i is not None else "" for i in self.at]

    def row(self, line: int, cells: list[str]) -> tuple | None:
        """The staging row (with its history entry) of a plain row; None to have staging_row decide."""
        got = self._cells(cells)
        if got is None:
            return None
        (eid, day, time_precision, event_type, sub, actor1, assoc1, inter1, actor2, assoc2, inter2, civilian, iso,
         country, admin1, admin2, location, latitude, longitude, geo_precision, source, notes, fatalities,
         stamp) = got
        if not (eid and day and sub and actor1 and location) or assoc1 or assoc2 or "\x00" in "".join(got):
            return None
        if len(eid) > 64 or len(actor1) > 200 or len(actor2) > 200 or len(admin1) > 200 or len(admin2) > 200 \
                or len(location) > 200 or len(source) > 10_000 or len(notes) > 10_000 or len(event_type) > 10_000 \
                or len(country) > 10_000 or len(iso) > 10_000 or len(civilian) > 10_000:
            return None
        try:
            staged = (line, eid, _date(day), _PRECISION[time_precision], *self._kind(sub, event_type), actor1, None,
                      _INTER[inter1], actor2 or None, None, _INTER[inter2] if actor2 else None, bool(civilian),
                      *self._place(country, iso), admin1 or None, admin2 or None, location,
                      *_coordinates(latitude, longitude), _PRECISION[geo_precision], source or None, notes or None,
                      _count(fatalities), _timestamp(stamp))
        except (BadRow, KeyError, ValueError, OverflowError, OSError):
            return None
        return staged + (_created_changes(staged),)

    def _kind(self, sub: str, given: str) -> tuple[str, str]:
        key = (sub, given)
        if key not in self.kinds:
            self.kinds[key] = _kind_of(sub, given or None)
        return self.kinds[key]

    def _place(self, country: str, iso: str) -> tuple[str, str]:
        key = (country, iso)
        if key not in self.places:
            self.places[key] = _country(country or None, iso or None)
        return self.places[key]


def _coordinates(latitude: str, longitude: str) -> tuple[float | None, float | None]:
    if not latitude and not longitude:
        return None, None
    lat, lon = float(latitude), float(longitude)  # "" or "abc": ValueError, and staging_row says which
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("out of range")
    return lat, lon


def _count(raw: str) -> int:
    if not raw:
        return 0
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10):
        raise ValueError("not plain")
    value = int(raw)
    if value > INT4_MAX:
        raise ValueError("out of range")
    return value


def _timestamp(raw: str) -> datetime | None:
    if not raw:
        return None
    if not (raw.isascii() and (raw.isdigit() or (raw[0] == "-" and raw[1:].isdigit()))):
        raise ValueError("not plain")
    return datetime.fromtimestamp(int(raw), timezone.utc)
