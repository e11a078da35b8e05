"""flask-smorest pieces shared by every resource: the strict blueprint and the problem schema."""
from __future__ import annotations

import marshmallow as ma
from flask_smorest import Api as SmorestApi, Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser


class StrictParser(FlaskParser):
    """Unknown query parameters are errors: `contry=SYR` must not silently return everything."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": ma.RAISE,
                                   "querystring": ma.RAISE}


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
