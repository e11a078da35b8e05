"""What an event looks like on the wire: ACLED's flat record, created from the same names."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from ..taxonomy import ALL_SUB_EVENT_TYPES, DISORDER_TYPES, EVENT_TYPE_OF, EVENT_TYPES

ISO3 = validate.Regexp(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code such as SYR")
NAME = validate.Length(min=1, max=300)


class EventInSchema(ma.Schema):
    """A new or replaced event. Place and actors are given by name; known ones are reused, unknown ones created."""

    class Meta:
        unknown = ma.RAISE

    event_date = fields.Date(required=True, metadata={"example": "2024-05-01"})
    time_precision = fields.Integer(load_default=1, validate=validate.Range(1, 3),
                                    metadata={"description": "1 day, 2 week, 3 month"})
    event_type = fields.String(validate=validate.OneOf(EVENT_TYPES),
                               metadata={"description": "optional: follows from sub_event_type", "example": "Battles"})
    sub_event_type = fields.String(required=True, validate=validate.OneOf(ALL_SUB_EVENT_TYPES),
                                   metadata={"example": "Armed clash"})
    iso3 = fields.String(validate=ISO3, metadata={"description": "iso3 or country is required", "example": "SDN"})
    country = fields.String(validate=NAME, metadata={"example": "Sudan"})
    admin1 = fields.String(allow_none=True, validate=NAME, metadata={"example": "Khartoum"})
    admin2 = fields.String(allow_none=True, validate=NAME)
    location = fields.String(required=True, validate=NAME, metadata={"example": "Omdurman"})
    latitude = fields.Float(allow_none=True, validate=validate.Range(-90, 90), metadata={"example": 15.64})
    longitude = fields.Float(allow_none=True, validate=validate.Range(-180, 180), metadata={"example": 32.48})
    geo_precision = fields.Integer(load_default=1, validate=validate.Range(1, 3),
                                   metadata={"description": "1 town, 2 near a town / part of a region, 3 larger region"})
    actor1 = fields.String(required=True, validate=NAME, metadata={"example": "Rapid Support Forces"})
    inter1 = fields.Integer(allow_none=True, validate=validate.Range(1, 8), metadata={
        "description": "inter code for actor1 when it is not yet known to the service"})
    assoc_actor_1 = fields.String(allow_none=True, metadata={"description": "names separated by '; '"})
    actor2 = fields.String(allow_none=True, validate=NAME, metadata={"example": "Military Forces of Sudan"})
    inter2 = fields.Integer(allow_none=True, validate=validate.Range(1, 8))
    assoc_actor_2 = fields.String(allow_none=True, metadata={"description": "names separated by '; '"})
    civilian_targeting = fields.Boolean(load_default=False)
    fatalities = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000), metadata={"example": 5})
    notes = fields.String(allow_none=True, validate=validate.Length(max=10_000))

    @ma.validates_schema
    def check_consistency(self, data, partial=False, **kwargs):
        errors = {}
        sub, et = data.get("sub_event_type"), data.get("event_type")
        if sub and et and EVENT_TYPE_OF.get(sub) != et:
            errors["sub_event_type"] = [f"'{sub}' is not a sub-type of '{et}'"]
        if not partial and not data.get("iso3") and not data.get("country"):
            errors["iso3"] = ["iso3 or country is required"]
        if ("latitude" in data) != ("longitude" in data) or (
                (data.get("latitude") is None) != (data.get("longitude") is None)):
            errors["latitude"] = ["latitude and longitude go together"]
        if errors:
            raise ma.ValidationError(errors)


class EventPatchSchema(EventInSchema):
    """Some fields of an event; the others keep their stored values."""


class SourceSchema(ma.Schema):
    article_id = fields.Integer()
    title = fields.String()
    outlet = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    published = fields.Date()
    evidence = fields.String()
    start = fields.Integer(allow_none=True)
    end = fields.Integer(allow_none=True)
    confidence = fields.Float(allow_none=True)


class EventSchema(ma.Schema):
    """An event as ACLED's flat record, with its evidence."""

    id = fields.Integer()
    event_date = fields.Date()
    time_precision = fields.Integer()
    event_type = fields.String(validate=validate.OneOf(EVENT_TYPES))
    sub_event_type = fields.String(validate=validate.OneOf(ALL_SUB_EVENT_TYPES))
    disorder_type = fields.String(validate=validate.OneOf(DISORDER_TYPES))
    actor1 = fields.String(allow_none=True)
    assoc_actor_1 = fields.String(allow_none=True)
    inter1 = fields.Integer(allow_none=True)
    actor2 = fields.String(allow_none=True)
    assoc_actor_2 = fields.String(allow_none=True)
    inter2 = fields.Integer(allow_none=True)
    interaction = fields.String(allow_none=True, metadata={"example": "12"})
    civilian_targeting = fields.Boolean()
    iso3 = fields.String()
    country = fields.String()
    admin1 = fields.String(allow_none=True)
    admin2 = fields.String(allow_none=True)
    location = fields.String()
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    geo_precision = fields.Integer()
    fatalities = fields.Integer()
    notes = fields.String(allow_none=True)
    sources = fields.List(fields.Nested(SourceSchema))
    version = fields.Integer(metadata={"description": "row version; send it back in If-Match to update safely"})
    timestamp = fields.Integer(metadata={"description": "last update, Unix seconds (ACLED's timestamp)"})


class EventPageSchema(ma.Schema):
    items = fields.List(fields.Nested(EventSchema))
    next = fields.String(allow_none=True, metadata={"description": "URL of the next page, null on the last"})


class ListArgsSchema(ma.Schema):
    """Query parameters of GET /events."""

    sort = fields.String(metadata={"description": "event_date, fatalities or updated_at; '-' prefix for descending",
                                   "example": "-event_date"})
    limit = fields.Integer(validate=validate.Range(min=1), metadata={"description": "page size (default 100, max 5000)"})
    cursor = fields.String(metadata={"description": "opaque: copy it from `next`"})
