"""/events views: validated input in, one call into the domain, one status out."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView

from ..api import Blueprint
from ..http import config, db, etag, if_match_version, only_sent
from ..pagination import link_header, next_url, page_limit
from . import service
from .listing import list_events
from .schemas import EventInSchema, EventPageSchema, EventPatchSchema, EventSchema, ListArgsSchema

blp = Blueprint("events", __name__, url_prefix="/events", description="Incident records, ACLED-style")


@blp.route("")
class Events(MethodView):
    @blp.arguments(ListArgsSchema, location="query")
    @blp.response(200, EventPageSchema)
    def get(self, args):
        """List events, newest first, a page at a time"""
        limit = page_limit(args.pop("limit", None), config())
        cursor = args.pop("cursor", None)
        with db().session() as s:
            rows, next_cursor = list_events(s, args, limit, cursor)
            items = service.attach_sources(s, rows)
        url = next_url(next_cursor)
        return {"items": items, "next": url}, 200, link_header(url)

    @blp.arguments(EventInSchema)
    @blp.response(201, EventSchema)
    @blp.alt_response(409, "CONFLICT")
    def post(self, data):
        """Create an event; unknown actors are created, known places reused"""
        with db().session() as s:
            event_id = service.create_event(s, data)
            record = service.get_event(s, event_id)
        return record, 201, {"Location": url_for("events.Event", event_id=event_id), **etag(record["version"])}


@blp.route("/<int:event_id>")
class Event(MethodView):
    @blp.response(200, EventSchema)
    @blp.alt_response(404, "NOT_FOUND")
    def get(self, event_id):
        """Read one event with its evidence"""
        with db().session() as s:
            record = service.get_event(s, event_id)
        return record, 200, etag(record["version"])

    @blp.arguments(EventInSchema)
    @blp.response(200, EventSchema)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def put(self, data, event_id):
        """Replace an event (If-Match: its ETag, to refuse lost updates)"""
        with db().session() as s:
            service.replace_event(s, event_id, data, if_match=if_match_version())
            record = service.get_event(s, event_id)
        return record, 200, etag(record["version"])

    @blp.arguments(EventPatchSchema(partial=True))
    @blp.response(200, EventSchema)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def patch(self, changes, event_id):
        """Change some fields of an event"""
        with db().session() as s:
            service.patch_event(s, event_id, only_sent(changes), if_match=if_match_version())
            record = service.get_event(s, event_id)
        return record, 200, etag(record["version"])

    @blp.response(204)
    @blp.alt_response(404, "NOT_FOUND")
    def delete(self, event_id):
        """Delete an event (syncing clients see it as a tombstone in updated_since)"""
        with db().session() as s:
            service.delete_event(s, event_id)
        return None
