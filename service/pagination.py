"""Keyset pagination: opaque cursors that carry the last row's sort key, so page N costs what page 1 costs."""
from __future__ import annotations

import base64
import json
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
