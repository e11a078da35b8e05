"""The answer to an event query, shared by GET /events and GET /actors/{id}/events: pages, totals, formats,
and streamed exports."""
from __future__ import annotations

from ..http import config, db
from ..db import Session
from ..pagination import link_header, next_url, page_limit
from ..stats.rollups import rollup_total
from .exports import csv_export
from .formats import geojson_chunks, negotiate, page_response, stream_response, streams
from .listing import count_events, export_query, list_events, page_items, stream_events

# exports are documented beside the JSON page: same parameters, other media types
EXPORT_DOC = {"responses": {200: {"content": {
    "text/csv": {"schema": {"type": "string", "description": "ACLED's export columns (see service/events/formats.py)",
                            "example": "event_id_cnty,event_date,year,time_precision,disorder_type,..."}},
    "application/geo+json": {"schema": {"type": "object", "description": "FeatureCollection of Point features, "
                                        "the record as properties; geometry null without coordinates"}},
}}}}


def _total(session: Session, args: dict, tombstones: bool) -> int:
    """with_total: from the /stats rollups when they answer the filters (they count live events, as a walk does
    without updated_since), else by counting the matching rows."""
    total = rollup_total(session, args) if not args.get("updated_since") else None
    return count_events(session, args, tombstones=tombstones) if total is None else total


def _export(fmt: str, args: dict, cursor: str | None, with_total: bool):
    query, params = export_query(args, cursor)
    total = None
    if with_total:
        with db().session() as s:
            total = _total(s, args, False)

    members = {"total": total} if total is not None else {}

    def chunks():
        # opened when the body starts to be sent, closed when it ends: the view has returned by then
        with db().session() as s:
            if fmt == "csv":  # written by the server (COPY), byte for byte what csv_chunks writes
                yield from csv_export(s, query, params)
            else:
                yield from geojson_chunks(stream_events(s, query, params), members)

    return stream_response(fmt, chunks, total)


def events_response(args: dict):
    """The page (JSON, CSV or GeoJSON) or the streamed export for validated GET /events arguments."""
    fmt = negotiate(args.pop("format", None))
    args["review_threshold"] = config().REVIEW_CONFIDENCE_THRESHOLD
    limit, cursor, with_total = args.pop("limit", None), args.pop("cursor", None), args.pop("with_total", False)
    if streams(fmt, limit):
        return _export(fmt, args, cursor, with_total)
    with db().session() as s:
        rows, next_cursor = list_events(s, args, page_limit(limit, config()), cursor, tombstones=fmt == "json")
        items = page_items(s, rows)
        total = _total(s, args, fmt == "json") if with_total else None
    url = next_url(next_cursor)
    headers = {**link_header(url), "Vary": "Accept"}
    if fmt != "json":
        return page_response(fmt, items, url, total, headers)
    return {"items": items, "next": url, **({"total": total} if with_total else {})}, 200, headers
