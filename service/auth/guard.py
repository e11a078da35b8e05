"""The check every request passes before its view: which key sent it, and whether that key may.

Writes (POST, PUT, PATCH, DELETE) need `Authorization: Bearer <key>` of scope write (DELETE: admin) and count
against the key's write rate. Reads are public unless REQUIRE_READ_KEY is set; the probes, the metrics and the
API's own description always are. The caller ends up in `flask.g.caller` (and its name in `g.key_name`).
"""
from __future__ import annotations

from flask import g, request

from ..errors import Forbidden, TooManyRequests, Unauthorized
from ..http import config, db
from .keys import Caller, authenticate, count_write

WRITES = {"POST": "write", "PUT": "write", "PATCH": "write", "DELETE": "admin"}
# blueprints and endpoints that never need a key (probes and documentation)
PUBLIC_BLUEPRINTS = {"health", "api-docs", "observability"}
PUBLIC_ENDPOINTS = {"openapi_yaml", "static"}
REALM = 'Bearer realm="eventsvc"'


def _challenge(error: str | None = None, scope: str | None = None) -> dict:
    parts = [REALM]
    if error:
        parts.append(f'error="{error}"')
    if scope:
        parts.append(f'scope="{scope}"')
    return {"WWW-Authenticate": ", ".join(parts)}


def _needed_scope() -> str | None:
    """The scope this request needs, or None when it needs no key."""
    if request.method in WRITES:
        return WRITES[request.method]
    if request.blueprint in PUBLIC_BLUEPRINTS or request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return "read" if config().REQUIRE_READ_KEY else None


def _bearer() -> str | None:
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("send the key as `Authorization: Bearer <key>`",
                           headers=_challenge("invalid_request"))
    return token.strip()


def authorize() -> None:
    """before_request: 401 without a usable key, 403 for a key of too small a scope, 429 past the write rate."""
    if request.routing_exception is not None or request.endpoint is None:
        return  # a 404 or 405 is answered as such, key or not
    needed = _needed_scope()
    token = _bearer()
    if needed is None and token is None:
        return
    with db().session() as s:
        caller = authenticate(s, token) if token else None
        if caller is None:
            if needed is None:  # a bad key on a public read is still a bad key
                raise Unauthorized("the key is unknown or revoked", headers=_challenge("invalid_token"))
            raise Unauthorized(
                "this request needs an API key: `Authorization: Bearer <key>` (create one with `eventsvc keys create`)"
                if token is None else "the key is unknown or revoked",
                headers=_challenge(None if token is None else "invalid_token"))
        _admit(s, caller, needed)
    g.caller, g.key_name = caller, caller.name


def _admit(session, caller: Caller, needed: str | None) -> None:
    if needed and not caller.allows(needed):
        raise Forbidden(f"this request needs a key of scope {needed}; this key's scope is {caller.scope}",
                        headers=_challenge("insufficient_scope", needed))
    if request.method in WRITES:
        wait = count_write(session, caller, config().WRITE_RATE_LIMIT)
        if wait is not None:
            raise TooManyRequests(
                f"this key may make {config().WRITE_RATE_LIMIT} writes a minute; retry in {wait} s",
                headers={"Retry-After": str(wait)})
