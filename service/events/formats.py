"""Events as CSV (ACLED's export columns) and GeoJSON, chosen by `format` or `Accept`, streamed row by row.

CSV columns, in ACLED's export order, so that tooling written for ACLED files reads ours:

    event_id_cnty   ISO3 code + our id (SDN123; strip the 3 letters to get the id of /events/{id}), or the id
                    an imported event had in its file (`eventsvc import acled`)
    event_date      YYYY-MM-DD
    year            of event_date
    time_precision  1 day, 2 week, 3 month
    disorder_type, event_type, sub_event_type
    actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2   associated actors joined by "; ";
                    inter codes as numbers 1-8
    interaction     the two inter codes, smaller first ("12")
    civilian_targeting  "Civilian targeting" or empty
    iso             ISO 3166-1 numeric code (760 for Syria; 0 for Kosovo, as ACLED)
    region          empty: not tracked
    country, admin1, admin2
    admin3          empty: not tracked
    location, latitude, longitude, geo_precision
    source          outlets of the evidence, joined by "; " (an imported event: its file's source)
    source_scale    empty: not tracked
    notes, fatalities
    tags            empty: not tracked
    timestamp       last change, Unix seconds

GeoJSON: a FeatureCollection of Point features ([longitude, latitude]; geometry null for events without
coordinates) whose properties are the record as GET /events returns it.

Exports carry live events only; tombstones are in the JSON list (with updated_since).
"""
from __future__ import annotations

import csv
import io
import json
import logging
from datetime import date, datetime
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import pycountry
from flask import Response, request, stream_with_context
from werkzeug.exceptions import NotAcceptable

from ..errors import BadRequest
from .schemas import EventListItemSchema

log = logging.getLogger(__name__)

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv", "geojson": "application/geo+json"}
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# the record as the JSON list shows it, in the same order
PROPERTIES = tuple(name for name in EventListItemSchema().fields if name != "deleted")
ROWS_PER_CHUNK = 500


def negotiate(requested: str | None) -> str:
    """json, csv or geojson: the `format` parameter, else the best match for Accept (JSON when it says nothing)."""
    if requested:
        return requested
    accept = request.accept_mimetypes
    if not accept:
        return "json"
    best = accept.best_match(list(MEDIA_TYPES.values()))
    if best is None:
        raise NotAcceptable(f"GET /events answers in {', '.join(MEDIA_TYPES.values())}")
    return next(name for name, media_type in MEDIA_TYPES.items() if media_type == best)


def streams(fmt: str, limit: int | str | None) -> bool:
    """Exports without a limit (or limit=all) stream every row; a numeric limit makes them pages."""
    if limit == "all" and fmt == "json":
        raise BadRequest("limit=all is for exports: add format=csv or format=geojson",
                         errors={"limit": ["'all' needs format=csv or format=geojson"]})
    return fmt != "json" and limit in (None, "all")


@lru_cache(maxsize=None)
def iso_numeric(iso3: str) -> int:
    found = pycountry.countries.get(alpha_3=iso3)
    return int(found.numeric) if found else 0


def _timestamp(record: dict) -> int:
    return int(record["updated_at"].timestamp())


def _outlets(sources: Iterable[dict]) -> str:
    return "; ".join(dict.fromkeys(s["outlet"] for s in sources if s.get("outlet")))


def csv_row(record: dict) -> list:
    """One record as the values of CSV_COLUMNS."""
    return [
        record.get("external_id") or f"{record['iso3']}{record['id']}", record["event_date"].isoformat(),
        record["event_date"].year,
        record["time_precision"], record["disorder_type"], record["event_type"], record["sub_event_type"],
        record["actor1"], record["assoc_actor_1"], record["inter1"], record["actor2"], record["assoc_actor_2"],
        record["inter2"], record["interaction"], "Civilian targeting" if record["civilian_targeting"] else "",
        iso_numeric(record["iso3"]), "", record["country"], record["admin1"], record["admin2"], "",
        record["location"], record["latitude"], record["longitude"], record["geo_precision"],
        _outlets(record.get("sources") or ()) or record.get("source_text") or "", "", record["notes"],
        record["fatalities"], "", _timestamp(record),
    ]


def csv_chunks(records: Iterable[dict]) -> Iterator[str]:
    """The header, then the rows, a few hundred at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for n, record in enumerate(records, 1):
        writer.writerow(csv_row(record))
        if n % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def feature(record: dict) -> dict:
    properties = {name: record.get(name) for name in PROPERTIES}
    properties["timestamp"] = _timestamp(record)
    properties["sources"] = record.get("sources") or []
    geometry = None
    if record["latitude"] is not None and record["longitude"] is not None:
        geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties}


def geojson_chunks(records: Iterable[dict], members: dict | None = None) -> Iterator[str]:
    """A FeatureCollection written as it goes; `members` (next, total) come before the features."""
    head = {"type": "FeatureCollection", **(members or {})}
    yield json.dumps(head, default=_json_value)[:-1] + ', "features": ['
    parts, separator = [], ""
    for n, record in enumerate(records, 1):
        parts.append(separator + json.dumps(feature(record), default=_json_value))
        separator = ","
        if n % ROWS_PER_CHUNK == 0:
            yield "".join(parts)
            parts = []
    parts.append("]}")
    yield "".join(parts)


def _headers(fmt: str, extra: dict) -> dict:
    headers = {"Vary": "Accept", **extra}
    if fmt == "csv":
        headers["Content-Disposition"] = 'attachment; filename="events.csv"'
    return headers


def _content_type(fmt: str) -> str:
    return "text/csv; charset=utf-8" if fmt == "csv" else MEDIA_TYPES[fmt]


def page_response(fmt: str, items: list[dict], next_url: str | None, total: int | None, headers: dict) -> Response:
    """One page (a numeric limit) as CSV or GeoJSON; the next page is in the Link header."""
    members = {"next": next_url} | ({"total": total} if total is not None else {})
    chunks = csv_chunks(items) if fmt == "csv" else geojson_chunks(items, members)
    if total is not None:
        headers = {**headers, "X-Total-Count": str(total)}
    return Response("".join(chunks), content_type=_content_type(fmt), headers=_headers(fmt, headers))


def stream_response(fmt: str, chunks: Callable[[], Iterator[str | bytes]], total: int | None) -> Response:
    """Every row, written as it comes from the database: memory stays flat whatever the size.

    `chunks` opens its own database session when the response starts to be sent (after the view has returned),
    and closes it when the last row is written or the client goes away.
    """
    def generate() -> Iterator[str | bytes]:
        try:
            yield from chunks()
        except Exception:
            # the status line is gone already: the client sees a truncated body
            log.exception("export of /events failed part-way")
            raise

    headers = {"X-Total-Count": str(total)} if total is not None else {}
    return Response(stream_with_context(generate()), content_type=_content_type(fmt),
                    headers=_headers(fmt, headers))
