"""What an actor looks like on the wire."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from ..taxonomy import INTER_CODES

INTER_DOC = "ACLED inter code: " + ", ".join(f"{k} {v.lower()}" for k, v in INTER_CODES.items())


class ActorInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    name = fields.String(required=True, validate=validate.Length(min=1, max=300),
                         metadata={"example": "Rapid Support Forces"})
    aliases = fields.List(fields.String(validate=validate.Length(min=1, max=300)), load_default=list,
                          metadata={"example": ["RSF"]})
    inter = fields.Integer(required=True, strict=True, validate=validate.Range(1, 8),
                           metadata={"description": INTER_DOC, "example": 2})
    iso3 = fields.String(allow_none=True, validate=validate.Regexp(r"^[A-Z]{3}$"),
                         metadata={"description": "home country", "example": "SDN"})

    @ma.validates("name")
    def name_not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("must not be blank")


class ActorPatchSchema(ActorInSchema):
    """Some fields of an actor; the others keep their stored values."""


class ActorSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String()
    aliases = fields.List(fields.String())
    inter = fields.Integer(metadata={"description": INTER_DOC})
    iso3 = fields.String(allow_none=True)
    event_count = fields.Integer()
    first_event_date = fields.Date(allow_none=True)
    last_event_date = fields.Date(allow_none=True)
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ActorPageSchema(ma.Schema):
    items = fields.List(fields.Nested(ActorSchema))
    next = fields.String(allow_none=True)


class ActorListArgsSchema(ma.Schema):
    limit = fields.Integer(validate=validate.Range(min=1), metadata={"description": "page size (default 100, max 5000)"})
    cursor = fields.String(metadata={"description": "opaque: copy it from `next`"})
