"""/events views: validated input in, one call into the domain, one status out."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView

from ..api import Blueprint, created_links
from ..auth.idempotency import DOC as IDEMPOTENCY_DOC, idempotent
from ..http import db, etag, if_match_version, only_sent, read_response, require_json_body, requester
from . import history, service
from .history import Cause
from .responses import EXPORT_DOC, events_response
from .review_schemas import HistorySchema, ReviewInSchema
from .schemas import EventInSchema, EventPageSchema, EventPatchSchema, EventSchema, ListArgsSchema

blp = Blueprint("events", __name__, url_prefix="/events", description="Incident records, ACLED-style")
blp.before_request(require_json_body)
ITEM = "/events/{event_id}"
LINKS = created_links(*[(ITEM, method) for method in ("get", "put", "patch", "delete")],
                      (ITEM + "/review", "post"), (ITEM + "/history", "get"), param="event_id")


@blp.route("")
class Events(MethodView):
    @blp.arguments(ListArgsSchema, location="query")
    @blp.response(200, EventPageSchema)
    @blp.alt_response(400, "BAD_REQUEST")
    @blp.alt_response(406, "NOT_ACCEPTABLE")
    @blp.doc(**EXPORT_DOC)
    def get(self, args):
        """List or export events: combinable filters, keyset pages, JSON, CSV (ACLED columns) or GeoJSON

        Parameters AND together; comma-separated values OR within one. Pages are keyset cursors: follow `next`
        (or the Link header, rel="next") until it is null. `format=csv|geojson`, or Accept `text/csv` /
        `application/geo+json`, exports: without `limit` (or with `limit=all`) every matching event is streamed;
        with a numeric `limit` the export is one page, the next in the Link header. Mirroring clients pass
        `updated_since`: changes come oldest first (sort updated_at), and events deleted since then come as
        tombstones `{"id", "deleted": true, "updated_at"}` (JSON only); normal reads never show deleted events.
        """
        return events_response(args)

    @idempotent
    @blp.doc(**IDEMPOTENCY_DOC)
    @blp.doc(**LINKS)
    @blp.arguments(EventInSchema)
    @blp.response(201, EventSchema)
    @blp.alt_response(409, "CONFLICT")
    def post(self, data):
        """Create an event; unknown actors are created, known places reused"""
        with db().session() as s:
            event_id = service.create_event(s, data, cause=Cause("api", who=requester()))
            record = service.get_event(s, event_id)
        return record, 201, {"Location": url_for("events.Event", event_id=event_id), **etag(record["version"])}


@blp.route("/<int:event_id>")
class Event(MethodView):
    @blp.response(200, EventSchema)
    @blp.alt_response(304, description="Not Modified: If-None-Match holds the current ETag (no body)")
    @blp.alt_response(404, "NOT_FOUND")
    def get(self, event_id):
        """Read one event with its evidence"""
        with db().session() as s:
            record = service.get_event(s, event_id)
        return read_response(record)

    @blp.arguments(EventInSchema)
    @blp.response(200, EventSchema)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def put(self, data, event_id):
        """Replace an event (If-Match: its ETag, to refuse lost updates); it becomes corrected"""
        with db().session() as s:
            service.replace_event(s, event_id, data, if_match=if_match_version(),
                                  cause=Cause("api", who=requester()))
            record = service.get_event(s, event_id)
        return record, 200, etag(record["version"])

    @blp.arguments(EventPatchSchema(partial=True))
    @blp.response(200, EventSchema)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def patch(self, changes, event_id):
        """Change some fields of an event (it becomes corrected: article reloads leave it alone)"""
        with db().session() as s:
            service.patch_event(s, event_id, only_sent(changes), if_match=if_match_version(),
                                cause=Cause("api", who=requester()))
            record = service.get_event(s, event_id)
        return record, 200, etag(record["version"])

    @blp.response(204)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def delete(self, event_id):
        """Delete an event (syncing clients see it as a tombstone in updated_since)"""
        with db().session() as s:
            service.delete_event(s, event_id, if_match=if_match_version(), cause=Cause("api", who=requester()))
        return None


@blp.route("/<int:event_id>/review")
class EventReview(MethodView):
    @idempotent
    @blp.doc(**IDEMPOTENCY_DOC)
    @blp.arguments(ReviewInSchema)
    @blp.response(200, EventSchema)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def post(self, review, event_id):
        """Review an event: confirm it as it is, or correct it (changes as in PATCH)

        The event leaves the review queue (GET /events?review=pending) and is never changed or deleted by
        reloading or re-extracting its articles. If-Match: its ETag, as for PATCH.
        """
        changes = only_sent(review.get("changes") or {}, member="changes")
        with db().session() as s:
            service.review_event(s, event_id, review["status"], changes, if_match=if_match_version(), who=requester())
            record = service.get_event(s, event_id)
        return record, 200, etag(record["version"])


@blp.route("/<int:event_id>/history")
class EventHistory(MethodView):
    @blp.response(200, HistorySchema)
    @blp.alt_response(404, "NOT_FOUND")
    def get(self, event_id):
        """Every change to an event, oldest first: who, when, why, and each changed field before and after

        A deleted event keeps its history; 404 only for an id that never existed.
        """
        with db().session() as s:
            return {"items": history.event_history(s, event_id)}
