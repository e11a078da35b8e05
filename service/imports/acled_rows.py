"""One row of an ACLED-layout CSV (ACLED's export, or `/events?format=csv`) as a staging row, or why not.

Every check the database would make is made here first, so that a bad row is reported with its line number
and skipped while the rest of the file imports in one transaction.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from json.encoder import encode_basestring_ascii as _json_text

import pycountry

from ..taxonomy import EVENT_TYPE_OF, INTER_CODES
from ..vocab import countries

# the staging table's columns, in COPY order (service/imports/queries.sql)
STAGING_COLUMNS = (
    "line", "external_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "iso3", "country",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source_text", "notes", "fatalities",
    "updated_at", "created_changes",
)
# the staged values an event's creation entry lists (events/history.py TRACKED, as the record names them)
CREATED_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                  "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "iso3", "country", "admin1",
                  "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "notes")
REQUIRED = ("event_id_cnty", "event_date", "sub_event_type", "actor1", "location")
INTER_BY_NAME = {name.lower(): code for code, name in INTER_CODES.items()}
INTER_BY_NAME.update({"state forces": 1, "rebel groups": 2, "political militias": 3, "identity militias": 4,
                      "external/other forces": 8, "sole rioters": 5, "sole protesters": 6})
INT4_MAX = 2**31 - 1


class BadRow(ValueError):
    """A row that cannot be imported; the message says which column and why."""


def _text(row: dict, name: str, limit: int = 10_000) -> str | None:
    value = (row.get(name) or "").strip()
    if "\x00" in value:
        raise BadRow(f"{name}: contains NUL")
    if len(value) > limit:
        raise BadRow(f"{name}: longer than {limit} characters")
    return value or None


def _names(row: dict, name: str) -> str | None:
    """Associated actors: each once, in the file's order, joined by "; " as the record shows them."""
    value = _text(row, name, 1000)
    if not value:
        return None
    names = list(dict.fromkeys(" ".join(n.split()) for n in value.split(";") if n.strip()))
    return "; ".join(names) or None


@lru_cache(maxsize=65536)  # a file holds a few thousand distinct days: each is parsed once
def _date(raw: str) -> date:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
    raise BadRow(f"event_date: {raw!r} is not a date (YYYY-MM-DD or '01 May 2024')")


def _small(row: dict, name: str, low: int, high: int, default: int | None = None) -> int | None:
    raw = (row.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(float(raw)) if len(raw) <= 12 else None
    except (ValueError, OverflowError):  # "abc", "inf"
        value = None
    if value is None or not low <= value <= high:
        raise BadRow(f"{name}: {raw[:20]!r} is not a whole number from {low} to {high}")
    return value


def _inter(row: dict, name: str, actor: str | None) -> int | None:
    raw = (row.get(name) or "").strip()
    if not actor:
        return None
    if raw.lower() in INTER_BY_NAME:
        return INTER_BY_NAME[raw.lower()]
    code = _small(row, name, 1, 8)
    if code is None:
        raise BadRow(f"{name}: required with its actor (a code 1-8 or its name)")
    return code


def _coordinate(row: dict, name: str, bound: float) -> float | None:
    raw = (row.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadRow(f"{name}: {raw[:20]!r} is not a number") from None
    if not -bound <= value <= bound:
        raise BadRow(f"{name}: {value} is outside -{bound}..{bound}")
    return value


@lru_cache(maxsize=4096)
def _country(name: str | None, iso: str | None) -> tuple[str, str]:
    found = countries.lookup(name) if name else None
    if found is None and iso and iso.strip().isdigit() and int(iso) > 0:
        numeric = pycountry.countries.get(numeric=f"{int(iso):03d}")
        found = countries.by_iso3(numeric.alpha_3) if numeric else None
    if found is None:
        raise BadRow(f"country: {name!r} (iso {iso!r}) is not a country this service knows")
    return found.iso3, found.name


def _timestamp(raw: str | None) -> datetime | None:
    if not raw or not raw.strip():
        return None
    try:
        return datetime.fromtimestamp(int(raw.strip()), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise BadRow(f"timestamp: {raw[:20]!r} is not Unix seconds") from None


def _kind(row: dict) -> tuple[str, str]:
    return _kind_of(_text(row, "sub_event_type"), _text(row, "event_type"))


@lru_cache(maxsize=1024)
def _kind_of(sub: str | None, given: str | None) -> tuple[str, str]:
    if sub not in EVENT_TYPE_OF:
        raise BadRow(f"sub_event_type: {sub!r} is not an ACLED sub-event type")
    if given and given != EVENT_TYPE_OF[sub]:
        raise BadRow(f"event_type: {sub!r} is a sub-type of {EVENT_TYPE_OF[sub]!r}, not {given!r}")
    return EVENT_TYPE_OF[sub], sub


def staging_row(line: int, row: dict) -> tuple:
    """The row as STAGING_COLUMNS; BadRow when it cannot be imported."""
    missing = [name for name in REQUIRED if not (row.get(name) or "").strip()]
    if missing:
        raise BadRow(f"missing {', '.join(missing)}")
    event_type, sub = _kind(row)
    iso3, country = _country(_text(row, "country"), _text(row, "iso"))
    latitude, longitude = _coordinate(row, "latitude", 90), _coordinate(row, "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise BadRow("latitude and longitude go together")
    actor1, actor2 = _text(row, "actor1", 200), _text(row, "actor2", 200)
    staged = (
        line, _text(row, "event_id_cnty", 64), _date(row["event_date"]), _small(row, "time_precision", 1, 3, 1),
        event_type, sub, actor1, _names(row, "assoc_actor_1"), _inter(row, "inter1", actor1), actor2,
        _names(row, "assoc_actor_2"), _inter(row, "inter2", actor2),
        bool(_text(row, "civilian_targeting")), iso3, country, _text(row, "admin1", 200),
        _text(row, "admin2", 200), _text(row, "location", 200), latitude, longitude,
        _small(row, "geo_precision", 1, 3, 1), _text(row, "source"), _text(row, "notes"),
        _small(row, "fatalities", 0, INT4_MAX, 0), _timestamp(row.get("timestamp")),
    )
    return staged + (_created_changes(staged),)


def _json_date(value: date) -> str:
    return f'"{value.isoformat()}"'


def _json_bool(value: bool) -> str:
    return "true" if value else "false"


# how each created field is written as JSON, as json.dumps writes it (coordinates and counts are finite)
_JSON_OF = {"event_date": _json_date, "civilian_targeting": _json_bool, "time_precision": repr, "inter1": repr,
            "inter2": repr, "latitude": repr, "longitude": repr, "geo_precision": repr, "fatalities": repr}
# each created field's place in a staging row, the start of its entry ({"before": null, "after": ...) and its writer
_CREATED = tuple((STAGING_COLUMNS.index(name), f'"{name}": {{"before": null, "after": ', _JSON_OF.get(name, _json_text))
                 for name in CREATED_FIELDS)


def _created_changes(staged: tuple) -> str:
    """The history entry of the event this row creates, as JSON text: what events/history.py `diff(None, record)`
    gives (every field that has a value, from nothing), written directly. Built here, while the file is read
    (one core), rather than in the database after the load; and without a dict per field, which cost more than
    the rest of the row."""
    return "{" + ", ".join([prefix + write(staged[i]) + "}" for i, prefix, write in _CREATED
                            if staged[i] is not None]) + "}"
