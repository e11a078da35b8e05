"""flask-smorest pieces shared by every resource: the strict blueprint, the problem schema, and the check that
every route refuses query parameters it does not declare."""
from __future__ import annotations

import marshmallow as ma
from flask import Flask, current_app, request
from flask_smorest import Api as SmorestApi, Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser

from .errors import BadRequest

QUERY_LOCATIONS = ("query", "querystring")


class StrictParser(FlaskParser):
    """Unknown query parameters are errors: `contry=SYR` must not silently return everything."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": ma.RAISE,
                                   "querystring": ma.RAISE}


class UnknownParameter(BadRequest):
    slug = "unknown-parameter"


def unknown_query_parameters(names) -> UnknownParameter:
    """The same 400 the strict parser's "Unknown field." messages become in errors.py."""
    names = sorted(set(names))
    return UnknownParameter(f"unknown query parameter(s): {', '.join(names)}",
                            errors={name: ["Unknown field."] for name in names})


def _view_method(endpoint: str, method: str):
    view = current_app.view_functions.get(endpoint)
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return view
    method = method.lower()
    return getattr(view_class, method, None) or (getattr(view_class, "get", None) if method == "head" else None)


def _has_query_schema(func) -> bool:
    """Whether `@blp.arguments(..., location="query")` decorates the view (flask-smorest records it in _apidoc)."""
    parameters = (getattr(func, "_apidoc", None) or {}).get("arguments", {}).get("parameters", [])
    return any(p.get("in") in QUERY_LOCATIONS for p in parameters)


def reject_undeclared_query() -> None:
    """Routes without a query schema take no query parameters: `/events/10?contry=SYR` is a 400, as on /events.

    Routes with one are checked by StrictParser, field by field, beside their other validation errors.
    """
    if not request.args or request.routing_exception is not None or request.endpoint is None:
        return
    if not _has_query_schema(_view_method(request.endpoint, request.method)):
        raise unknown_query_parameters(request.args.keys())


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, the body of every error."""

    type = ma.fields.String(metadata={"example": "https://eventsvc.dev/problems/validation"})
    title = ma.fields.String(metadata={"example": "Unprocessable Content"})
    status = ma.fields.Integer(metadata={"example": 422})
    detail = ma.fields.String(metadata={"example": "invalid input: fatalities"})
    instance = ma.fields.String(metadata={"example": "/events"})
    errors = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()),
        metadata={"description": "field name -> messages (validation errors only)",
                  "example": {"fatalities": ["Must be greater than or equal to 0."]}},
    )


class Blueprint(SmorestBlueprint):
    ARGUMENTS_PARSER = StrictParser()


class Api(SmorestApi):
    ERROR_SCHEMA = ProblemSchema

    def init_app(self, app: Flask, *, spec_kwargs=None) -> None:
        super().init_app(app, spec_kwargs=spec_kwargs)
        # app-wide, so routes outside the blueprints (/openapi.yaml) refuse stray parameters too
        app.before_request(reject_undeclared_query)
