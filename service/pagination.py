"""Keyset pagination: opaque cursors that carry the last row's sort key, so page N costs what page 1 costs."""
from __future__ import annotations

import base64
import json
from typing import Any, Callable
from urllib.parse import urlencode

from flask import request

from .errors import BadRequest


def encode_cursor(payload: dict) -> str:
    raw = json.dumps(payload, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("cursor is not one this service issued", errors={"cursor": ["malformed"]}) from exc
    if not isinstance(payload, dict):
        raise BadRequest("cursor is not one this service issued", errors={"cursor": ["malformed"]})
    return payload


BIGINT_MAX = 2**63 - 1


def _not_ours() -> BadRequest:
    return BadRequest("the cursor belongs to another query or is malformed; start again without it",
                      errors={"cursor": ["does not match this query"]})


def cursor_position(cursor: str, sort: str, parse_value: Callable[[Any], Any]) -> tuple[Any, int]:
    """(last sort value, last id) of a cursor issued for `sort`.

    Cursors come back from clients, so each part is checked here: a tampered cursor is a 400, never a
    database type error.
    """
    payload = decode_cursor(cursor)
    after = payload.get("after")
    if payload.get("sort") != sort or not isinstance(after, list) or len(after) != 2:
        raise _not_ours()
    value, last_id = after
    try:
        value = parse_value(value)
    except (TypeError, ValueError) as exc:
        raise _not_ours() from exc
    if type(last_id) is not int or not 0 < last_id <= BIGINT_MAX:
        raise _not_ours()
    return value, last_id


def page_limit(requested: int | None, config) -> int:
    if requested is None:
        return config.PAGE_DEFAULT
    if requested > config.PAGE_MAX:
        raise BadRequest(f"limit may be at most {config.PAGE_MAX}", errors={"limit": [f"at most {config.PAGE_MAX}"]})
    return requested


def next_url(cursor: str | None) -> str | None:
    """This request's URL with `cursor` replaced: every other parameter (filters, limit, format) is kept."""
    if cursor is None:
        return None
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    args.append(("cursor", cursor))
    return f"{request.base_url}?{urlencode(args)}"


def link_header(url: str | None) -> dict:
    return {"Link": f'<{url}>; rel="next"'} if url else {}
