"""Small HTTP helpers shared by the resource views."""
from __future__ import annotations

import contextlib

from flask import Response, current_app, g, request
from werkzeug.exceptions import UnsupportedMediaType

from .errors import BadRequest


class _Joined:
    """The database as a view sees it while an idempotent POST holds the request's transaction
    (auth/idempotency.py): the view's sessions join that transaction, so the write and its stored response
    commit together."""

    def __init__(self, session):
        self._session = session

    @contextlib.contextmanager
    def session(self):
        with self._session.savepoint():
            yield self._session


def db():
    joined = g.get("joined_session")
    return _Joined(joined) if joined is not None else current_app.extensions["db"]


def config():
    return current_app.config["EVENTSVC"]


def if_match_version() -> int | None:
    """The row version a client sent in If-Match (ETags are the version, quoted); None when absent or '*'."""
    raw = request.headers.get("If-Match")
    if not raw or raw.strip() == "*":
        return None
    tag = raw.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise BadRequest("If-Match must be an ETag this service issued", errors={"If-Match": ["malformed"]})
    return int(tag)


def etag(version: int) -> dict:
    return {"ETag": f'"{version}"'}


def read_response(record: dict):
    """A single resource's GET: 304 (no body) when If-None-Match holds its current ETag, else the record."""
    tags = {t.strip().removeprefix("W/") for t in request.headers.get("If-None-Match", "").split(",")}
    if "*" in tags or f'"{record["version"]}"' in tags:
        return Response(status=304, headers=etag(record["version"]))
    return record, 200, etag(record["version"])


def only_sent(data: dict, member: str | None = None) -> dict:
    """A partial update holds only the fields the client sent, not the schema's defaults.

    `member` names the object of the body that holds the update (`changes` of a review), when it is not the body.
    """
    sent = request.get_json(silent=True) or {}
    if member is not None:
        sent = sent.get(member) or {} if isinstance(sent, dict) else {}
    return {k: v for k, v in data.items() if k in sent}


def requester() -> str | None:
    """Who sent the request, for the history of what it changes: the API key's name (auth/guard.py)."""
    return g.get("key_name")


def require_json_body() -> None:
    """Writes take JSON: a form or text body is a 415, not a list of "missing field" errors."""
    if request.method in ("POST", "PUT", "PATCH") and not request.is_json:
        raise UnsupportedMediaType("send the body as JSON, with Content-Type: application/json")
