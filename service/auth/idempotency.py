"""`Idempotency-Key` on POST: the same key and body get the first response again, and nothing new is made.

The key is claimed by a row written in the transaction of the write itself: the view's own sessions join that
transaction (http.db), and the response is stored before it commits. A twin request racing with the same key
waits on the row's primary key until the first commits, then replays its response; if the first fails, nothing
was stored and the twin runs as if it came first. Errors are not stored: a retry after a 4xx runs again.
Keys belong to the API key that sent them and are forgotten after 24 hours.
"""
from __future__ import annotations

import hashlib
import random
import re
from functools import wraps

from flask import Response, g, request
from psycopg.types.json import Jsonb

from ..errors import BadRequest, Unprocessable
from ..http import db

HEADER = "Idempotency-Key"
KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")  # printable ASCII, no spaces
REPLAYED_HEADERS = ("Location", "ETag", "Content-Type")
DOC = {"parameters": [{
    "in": "header", "name": HEADER, "required": False,
    "description": "Any unique string (a UUID): the same key and body within 24 hours return the first response "
                   "(with `Idempotent-Replayed: true`) and create nothing new; the same key with another body is "
                   "a 422. Keys are per API key.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": KEY_RE.pattern}}]}


def _request_hash() -> bytes:
    h = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    h.update(request.get_data(cache=True))
    return h.digest()


def _replay(row: dict, request_hash: bytes) -> Response:
    if bytes(row["request_hash"]) != request_hash:
        raise Unprocessable(f"this {HEADER} was used for another request; use a new key for a new request",
                            errors={HEADER: ["used with another request body"]})
    resp = Response(bytes(row["body"] or b""), status=row["status"])
    for name, value in row["headers"].items():
        resp.headers[name] = value
    resp.headers["Idempotent-Replayed"] = "true"
    return resp


def idempotent(view=None, *, prepare=None):
    """Wrap a POST view (outermost, above flask-smorest's decorators, so it sees the finished response).

    `prepare`, when given, runs before the key's transaction opens: slow work the view needs (coding an
    article) is done there, so that the transaction, and its connection, are held only for the writes."""
    if view is None:
        return lambda inner: idempotent(inner, prepare=prepare)

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not KEY_RE.match(key):
            raise BadRequest(f"{HEADER} must be 1 to 255 printable ASCII characters",
                             errors={HEADER: ["malformed"]})
        ids = {"api_key_id": g.caller.id, "key": key}
        request_hash = _request_hash()
        if prepare is not None:
            prepare()
        if random.random() < 0.01:  # now and then, in a short transaction of its own
            with db().session() as s:
                s.execute("forget_expired_idempotency_keys")
        with db().session() as s:
            if not s.one("claim_idempotency_key", {**ids, "request_hash": request_hash}):
                return _replay(s.one("idempotency_key", ids), request_hash)
            g.joined_session = s
            try:
                resp = view(*args, **kwargs)
            finally:
                g.joined_session = None
            headers = {name: resp.headers[name] for name in REPLAYED_HEADERS if name in resp.headers}
            s.execute("store_idempotent_response", {**ids, "status": resp.status_code, "headers": Jsonb(headers),
                                                    "body": resp.get_data()})
        return resp
    return wrapper
