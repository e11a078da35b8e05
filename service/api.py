"""flask-smorest pieces shared by every resource: the strict blueprint, the problem schema, and the check that
every route refuses query parameters it does not declare."""
from __future__ import annotations

import marshmallow as ma
from apispec import BasePlugin
from apispec.ext.marshmallow.common import resolve_schema_instance
from flask import Flask, current_app, request
from flask_smorest import Api as SmorestApi, Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser

from .errors import BadRequest
from .fields import list_parameter, list_property

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
    """RFC 9457 problem details, the body of every error. Extension members may follow (a duplicate's 409 names
    `existing_event`)."""

    class Meta:
        unknown = ma.INCLUDE  # documented as additionalProperties: true

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


def created_links(*targets: tuple[str, str], param: str) -> dict:
    """OpenAPI links from a 201 to the operations on what it created (its id: `id` in the body), for
    `@blp.doc(**created_links(...))`: the way clients, and the stateful fuzzer, follow a create."""
    links = {}
    for path, method in targets:
        pointer = path.replace("~", "~0").replace("/", "~1")
        name = "".join(part.title() for part in path.strip("/").replace("{", "").replace("}", "").split("/")
                       if part != param)
        links[f"{method.title()}{name}"] = {"operationRef": f"#/paths/{pointer}/{method}",
                                            "parameters": {param: "$response.body#/id"}}
    return {"responses": {201: {"links": links}}}


class SchemaRules(BasePlugin):
    """Rules between the fields of a body, which no field states: a schema's OPENAPI(partial) gives them as JSON
    Schema (allOf, anyOf...), added to its component."""

    def schema_helper(self, name, definition, **kwargs):
        schema = kwargs.get("schema")
        rules = getattr(schema, "OPENAPI", None)
        if rules is None:
            return None
        return rules(getattr(resolve_schema_instance(schema), "partial", False))


class Blueprint(SmorestBlueprint):
    ARGUMENTS_PARSER = StrictParser()


class Api(SmorestApi):
    ERROR_SCHEMA = ProblemSchema
    # no catch-all `default` response: every operation lists the statuses it can answer (openapi.py adds the
    # app-wide ones), so a status that is not documented is a bug
    DEFAULT_ERROR_RESPONSE_NAME = None

    def init_app(self, app: Flask, *, spec_kwargs=None) -> None:
        spec_kwargs = {"extra_plugins": [SchemaRules()], **(spec_kwargs or {})}
        super().init_app(app, spec_kwargs=spec_kwargs)
        self.ma_plugin.converter.add_attribute_function(list_property)
        self.ma_plugin.converter.add_parameter_attribute_function(list_parameter)
        # app-wide, so routes outside the blueprints (/openapi.yaml) refuse stray parameters too
        app.before_request(reject_undeclared_query)
