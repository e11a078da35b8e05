"""/stats views: validated input in, one call into the query layer, JSON or CSV out."""
from __future__ import annotations

import csv
import io
from datetime import date

from flask import Response, request
from flask.views import MethodView
from werkzeug.exceptions import NotAcceptable

from ..api import Blueprint
from ..http import config, db
from .queries import event_stats
from .schemas import StatsArgsSchema, StatsSchema

blp = Blueprint("stats", __name__, url_prefix="/stats", description="Counts of events and fatalities for charts")

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv"}
CSV_DOC = {"responses": {200: {"content": {"text/csv": {"schema": {
    "type": "string", "description": "the rows, header first: the group keys, period, events, fatalities",
    "example": "event_type,period,events,fatalities\nBattles,2024-01-01,3,12\n"}}}}}}


def negotiate(requested: str | None) -> str:
    """json or csv: the `format` parameter, else the best match for Accept (JSON when it says nothing)."""
    if requested:
        return requested
    if not request.accept_mimetypes:
        return "json"
    best = request.accept_mimetypes.best_match(list(MEDIA_TYPES.values()))
    if best is None:
        raise NotAcceptable(f"GET /stats answers in {', '.join(MEDIA_TYPES.values())}")
    return next(name for name, media_type in MEDIA_TYPES.items() if media_type == best)


def csv_response(items: list[dict], columns: list[str]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for item in items:
        writer.writerow([v.isoformat() if isinstance(v, date) else v for v in (item[c] for c in columns)])
    return Response(buffer.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="stats.csv"', "Vary": "Accept"})


@blp.route("")
class Stats(MethodView):
    @blp.arguments(StatsArgsSchema, location="query")
    @blp.response(200, StatsSchema)
    @blp.alt_response(400, "BAD_REQUEST")
    @blp.alt_response(406, "NOT_ACCEPTABLE")
    @blp.doc(**CSV_DOC)
    def get(self, args):
        """Count events and fatalities by group and period, zero-filled, for charts

        Every GET /events filter applies. `group_by` one or two keys and/or `interval`; one row per bucket,
        ascending by period, then by group keys. `top=N` keeps the N largest groups and folds the rest into
        "other". With the same filters, the rows' events add up to GET /events's total (except with
        group_by=actor, where an event counts once per actor taking part), and their fatalities to the events'.
        """
        fmt = negotiate(args.pop("format", None))
        group_by, interval, top = args.pop("group_by", []), args.pop("interval", None), args.pop("top", None)
        args["review_threshold"] = config().REVIEW_CONFIDENCE_THRESHOLD
        with db().session() as s:
            items = event_stats(s, args, group_by, interval, top)
        if fmt == "csv":
            return csv_response(items, [*group_by, *(["period"] if interval else []), "events", "fatalities"])
        return {"items": items}, 200, {"Vary": "Accept"}
