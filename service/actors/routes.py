"""/actors views."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView

from ..api import Blueprint, created_links
from ..auth.idempotency import DOC as IDEMPOTENCY_DOC, idempotent
from ..events.history import Cause
from ..http import config, db, etag, if_match_version, only_sent, read_response, require_json_body, requester
from ..pagination import link_header, next_url, page_limit
from ..events.responses import EXPORT_DOC, events_response
from ..events.schemas import EventPageSchema
from . import history, service
from .listing import list_actors
from .schemas import (ActorEventsArgsSchema, ActorHistorySchema, ActorInSchema, ActorListArgsSchema, ActorPageSchema, ActorPatchSchema,
                      ActorSchema)

blp = Blueprint("actors", __name__, url_prefix="/actors", description="Who takes part in events")
blp.before_request(require_json_body)
ITEM = "/actors/{actor_id}"
LINKS = created_links(*[(ITEM, method) for method in ("get", "put", "patch", "delete")],
                      (ITEM + "/history", "get"), (ITEM + "/events", "get"), param="actor_id")


@blp.route("")
class Actors(MethodView):
    @blp.arguments(ActorListArgsSchema, location="query")
    @blp.response(200, ActorPageSchema)
    @blp.alt_response(400, "BAD_REQUEST")
    def get(self, args):
        """List or search actors, each with its event count and first/last event dates

        `q` finds actors by name or alias despite typos, best match first; `inter` and `country` filter;
        `sort` by name, event count or relevance. Pages are keyset cursors: follow `next` (or the Link header)
        until it is null.
        """
        limit = page_limit(args.pop("limit", None), config())
        with db().session() as s:
            rows, next_cursor = list_actors(s, args, limit, args.pop("cursor", None))
        url = next_url(next_cursor)
        return {"items": rows, "next": url}, 200, link_header(url)

    @idempotent
    @blp.doc(**IDEMPOTENCY_DOC)
    @blp.doc(**LINKS)
    @blp.arguments(ActorInSchema)
    @blp.response(201, ActorSchema)
    @blp.alt_response(409, "CONFLICT")
    def post(self, data):
        """Create an actor (names are unique, case-insensitively)"""
        with db().session() as s:
            actor_id = service.create_actor(s, data, cause=Cause("api", who=requester()))
            record = service.get_actor(s, actor_id)
        return record, 201, {"Location": url_for("actors.Actor", actor_id=actor_id), **etag(record["version"])}


@blp.route("/<int:actor_id>")
class Actor(MethodView):
    @blp.response(200, ActorSchema)
    @blp.alt_response(304, description="Not Modified: If-None-Match holds the current ETag (no body)")
    @blp.alt_response(404, "NOT_FOUND")
    def get(self, actor_id):
        """Read one actor with its event count and first/last event dates"""
        with db().session() as s:
            record = service.get_actor(s, actor_id)
        return read_response(record)

    @blp.arguments(ActorInSchema)
    @blp.response(200, ActorSchema)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(409, "CONFLICT")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def put(self, data, actor_id):
        """Replace an actor"""
        with db().session() as s:
            service.update_actor(s, actor_id, data, partial=False, if_match=if_match_version(),
                                 cause=Cause("api", who=requester()))
            record = service.get_actor(s, actor_id)
        return record, 200, etag(record["version"])

    @blp.arguments(ActorPatchSchema(partial=True))
    @blp.response(200, ActorSchema)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(409, "CONFLICT")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def patch(self, changes, actor_id):
        """Change some fields of an actor"""
        with db().session() as s:
            service.update_actor(s, actor_id, only_sent(changes), partial=True, if_match=if_match_version(),
                                 cause=Cause("api", who=requester()))
            record = service.get_actor(s, actor_id)
        return record, 200, etag(record["version"])

    @blp.response(204)
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(409, "CONFLICT")
    @blp.alt_response(412, "PRECONDITION_FAILED")
    def delete(self, actor_id):
        """Delete an actor that no event uses (409 otherwise)"""
        with db().session() as s:
            service.delete_actor(s, actor_id, if_match=if_match_version(), cause=Cause("api", who=requester()))
        return None


@blp.route("/<int:actor_id>/history")
class ActorHistory(MethodView):
    @blp.response(200, ActorHistorySchema)
    @blp.alt_response(404, "NOT_FOUND")
    def get(self, actor_id):
        """Every change to an actor, oldest first: who, when, why, and each changed field before and after

        A deleted actor keeps its history; 404 only for an id that never existed.
        """
        with db().session() as s:
            return {"items": history.actor_history(s, actor_id)}


# exports are documented beside the JSON page, as on GET /events
@blp.route("/<int:actor_id>/events")
class ActorEvents(MethodView):
    @blp.arguments(ActorEventsArgsSchema, location="query")
    @blp.response(200, EventPageSchema)
    @blp.alt_response(400, "BAD_REQUEST")
    @blp.alt_response(404, "NOT_FOUND")
    @blp.alt_response(406, "NOT_ACCEPTABLE")
    @blp.doc(**EXPORT_DOC)
    def get(self, args, actor_id):
        """The events an actor takes part in: every GET /events filter, sort, page and format

        Any role, unless `actor_role` narrows it (actor1, actor2, assoc_actor_1, assoc_actor_2). The other
        parameters and the answer are those of GET /events (`actor` excepted: the path names the actor).
        """
        with db().session() as s:
            s.one_or_404("actor_exists", {"id": actor_id}, what="actor")
        return events_response({**args, "actor": [actor_id]})
