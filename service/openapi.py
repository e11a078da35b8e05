"""The OpenAPI document: written by flask-smorest from the routes and schemas, committed as openapi.yaml.

The views document their own answers; the answers of the checks every request passes before its view (auth/guard.py:
key, scope, write rate; limits.py and werkzeug: body size and shape; http.py: JSON only; api.py: no undeclared query
parameters; db.py: the database down) are added here, to every operation they apply to, with the key's scheme.
"""
from __future__ import annotations

import yaml
from flask import Flask

from .auth.guard import WRITES

PROBLEM = "application/problem+json"
SCHEME = "bearerAuth"
METHODS = ("get", "post", "put", "patch", "delete")
# status -> flask-smorest's name of its response component
EVERY_REQUEST = {400: "BAD_REQUEST", 401: "UNAUTHORIZED", 503: "SERVICE_UNAVAILABLE"}
EVERY_WRITE = {403: "FORBIDDEN", 429: "TOO_MANY_REQUESTS"}
EVERY_BODY = {413: "REQUEST_ENTITY_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 422: "UNPROCESSABLE_ENTITY"}
SECURITY_SCHEME = {
    "type": "http", "scheme": "bearer",
    "description": "an API key (`eventsvc keys create`): scope write for POST, PUT and PATCH, admin for DELETE. "
                   "Reads need none unless the server sets REQUIRE_READ_KEY; a key that is sent must be valid",
}


def _app_wide(method: str) -> dict[int, str]:
    """The statuses the request checks can answer for a request of this method."""
    codes = dict(EVERY_REQUEST)
    if method.upper() in WRITES:
        codes.update(EVERY_WRITE)
    if method in ("post", "put", "patch"):
        codes.update(EVERY_BODY)
    return codes


def _document_checks(spec: dict, app: Flask) -> None:
    components = app.extensions["api"].spec.components
    for path in spec.get("paths", {}).values():
        for method, op in path.items():
            if method not in METHODS:
                continue
            responses = op.setdefault("responses", {})
            for code, name in _app_wide(method).items():
                responses.setdefault(str(code), components.get_ref("response", name))
            op["responses"] = dict(sorted(responses.items(), key=lambda item: str(item[0])))
            op["security"] = [{SCHEME: []}] if method.upper() in WRITES else [{}, {SCHEME: []}]


def _register_responses(app: Flask) -> None:
    """Make flask-smorest's lazily registered response components that _document_checks names appear."""
    components = app.extensions["api"].spec.components
    for codes in (EVERY_REQUEST, EVERY_WRITE, EVERY_BODY):
        for name in codes.values():
            components.get_ref("response", name)


def _problem_json(spec: dict) -> None:
    """Errors are problem+json, not application/json."""
    for response in spec.get("components", {}).get("responses", {}).values():
        content = response.get("content")
        if content and "application/json" in content:
            response["content"] = {PROBLEM: content.pop("application/json")}
    for path in spec.get("paths", {}).values():
        for op in path.values():
            if not isinstance(op, dict):
                continue
            for code, response in op.get("responses", {}).items():
                content = response.get("content") if isinstance(response, dict) else None
                if content and str(code)[0] in "45" and "application/json" in content:
                    response["content"] = {PROBLEM: content.pop("application/json")}


def spec_dict(app: Flask) -> dict:
    _register_responses(app)
    spec = app.extensions["api"].spec.to_dict()
    _document_checks(spec, app)
    spec["components"].setdefault("securitySchemes", {})[SCHEME] = SECURITY_SCHEME
    _problem_json(spec)
    return spec


class _Dumper(yaml.SafeDumper):
    """Every value written out in full: no YAML anchors where two parameters share a schema."""

    def ignore_aliases(self, data) -> bool:
        return True


def render(app: Flask) -> str:
    return yaml.dump(spec_dict(app), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
