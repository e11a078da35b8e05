"""Domain errors, and the one place they become `application/problem+json` (RFC 9457) responses.

Every error the service returns has the same body: type, title, status, detail, and for validation
failures `errors` ({field: [messages]}). Driver messages never reach the client.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://eventsvc.dev/problems/"


class ServiceError(Exception):
    """Base of the errors the service raises on purpose; `status` is the HTTP status it maps to."""

    status = 500
    title = "Internal Server Error"
    slug = "internal"

    def __init__(self, detail: str | None = None, *, errors: dict | None = None, headers: dict | None = None,
                 extra: dict | None = None):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors
        self.headers = headers or {}
        # RFC 9457 extension members, e.g. the id of the existing event a duplicate conflicts with
        self.extra = extra or {}


class BadRequest(ServiceError):
    status, title, slug = 400, "Bad Request", "bad-request"


class Unauthorized(ServiceError):
    status, title, slug = 401, "Unauthorized", "unauthorized"


class Forbidden(ServiceError):
    status, title, slug = 403, "Forbidden", "forbidden"


class NotFound(ServiceError):
    status, title, slug = 404, "Not Found", "not-found"


class Conflict(ServiceError):
    status, title, slug = 409, "Conflict", "conflict"


class PreconditionFailed(ServiceError):
    status, title, slug = 412, "Precondition Failed", "precondition-failed"


class Unprocessable(ServiceError):
    status, title, slug = 422, "Unprocessable Content", "validation"


class TooManyRequests(ServiceError):
    status, title, slug = 429, "Too Many Requests", "rate-limited"


class Unavailable(ServiceError):
    status, title, slug = 503, "Service Unavailable", "unavailable"


def problem(status: int, title: str, detail: str, *, slug: str | None = None, errors: dict | None = None,
            headers: dict | None = None, extra: dict | None = None) -> Response:
    body = {
        "type": TYPE_BASE + (slug or str(status)),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path if request else None,
    }
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    resp = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def _http_slug(code: int) -> str:
    return {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
            406: "not-acceptable", 409: "conflict", 412: "precondition-failed", 413: "payload-too-large",
            415: "unsupported-media-type", 422: "validation", 429: "rate-limited"}.get(code, str(code))


def _field_errors(messages) -> dict:
    """flask-smorest/webargs nest messages by location ({"json": {...}} or {"query": {...}}); flatten one level."""
    if not isinstance(messages, dict):
        return {"_schema": messages if isinstance(messages, list) else [str(messages)]}
    flat: dict = {}
    for location, fields_ in messages.items():
        if isinstance(fields_, dict):
            flat.update(_dotted(fields_))
        else:
            flat[location] = _strings(fields_)
    return flat


def _dotted(messages: dict, prefix: str = "") -> dict:
    """Errors of a nested object under dotted names ({"changes": {"fatalities": [...]}} -> "changes.fatalities"),
    so that `errors` stays {field: [messages]} everywhere. A list's errors stay under the list's name, each
    message led by the item's index ({"aliases": {0: [...]}} -> "aliases": ["[0] ..."])."""
    flat: dict = {}
    for name, value in messages.items():
        if isinstance(value, dict) and all(isinstance(key, str) for key in value):
            flat.update(_dotted(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = _strings(value)
    return flat


def _strings(value) -> list[str]:
    """Messages as a flat list of strings, whatever marshmallow nested them in."""
    if isinstance(value, dict):
        return [f"[{key}] {message}" if isinstance(key, int) else f"{key}: {message}"
                for key, item in value.items() for message in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [message for item in value for message in _strings(item)]
    return [str(value)]


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def handle_service_error(exc: ServiceError):
        return problem(exc.status, exc.title, exc.detail, slug=exc.slug, errors=exc.errors, headers=exc.headers,
                       extra=exc.extra)

    @app.errorhandler(HTTPException)
    def handle_http_error(exc: HTTPException):
        code = exc.code or 500
        data = getattr(exc, "data", None) or {}
        messages = data.get("messages")
        if messages is not None:
            errors = _field_errors(messages)
            where = ", ".join(sorted(errors))
            # unknown query parameters are the client's mistake in the URL: 400, not 422
            unknown = all(msgs == ["Unknown field."] for msgs in errors.values())
            if "query" in messages and unknown:
                return problem(400, "Bad Request", f"unknown query parameter(s): {where}",
                               slug="unknown-parameter", errors=errors)
            return problem(code, "Unprocessable Content" if code == 422 else exc.name,
                           f"invalid input: {where}", slug=_http_slug(code), errors=errors)
        detail = exc.description or exc.name
        if code == 413:
            detail = f"the body is larger than this service accepts ({app.config['MAX_CONTENT_LENGTH']} bytes)"
        headers = dict(exc.get_headers()) if code == 405 else {}
        headers.pop("Content-Type", None)
        return problem(code, exc.name, detail, slug=_http_slug(code), headers=headers)

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem(500, "Internal Server Error", "the server failed to handle this request", slug="internal")
