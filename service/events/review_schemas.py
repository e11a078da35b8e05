"""Reviews and history on the wire: POST /events/{id}/review and GET /events/{id}/history."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from .schemas import EventPatchSchema

VERDICTS = ("confirmed", "corrected")


def _verdicts(partial) -> dict:
    """changes_go_with_corrected, as JSON Schema: confirmed without changes, corrected with at least one."""
    return {"anyOf": [
        {"properties": {"status": {"enum": ["confirmed"]}}, "not": {"required": ["changes"]}},
        {"properties": {"status": {"enum": ["corrected"]}, "changes": {"minProperties": 1}}, "required": ["changes"]},
    ]}


class ReviewInSchema(ma.Schema):
    """A reviewer's verdict on an event: confirmed as it is, or corrected with the changes PATCH would take."""

    class Meta:
        unknown = ma.RAISE

    OPENAPI = staticmethod(_verdicts)

    status = fields.String(required=True, validate=validate.OneOf(VERDICTS), metadata={"example": "corrected"})
    changes = fields.Nested(EventPatchSchema(partial=True), metadata={
        "description": "with corrected only, and required then: the fields to change, as in PATCH /events/{id}",
        "example": {"fatalities": 3}})

    @ma.validates_schema(pass_original=True)
    def changes_go_with_corrected(self, data, original, **kwargs):
        # what was sent, not what was loaded: the patch schema's defaults would make `{}` look like changes
        sent = original.get("changes") if isinstance(original, dict) else None
        if data.get("status") == "corrected" and not sent:
            raise ma.ValidationError({"changes": ["corrected needs the changes: at least one field"]})
        if data.get("status") == "confirmed" and "changes" in original:
            raise ma.ValidationError({"changes": ["confirmed keeps the event as it is: send corrected to change it"]})


class HistoryEntrySchema(ma.Schema):
    id = fields.Integer()
    event_id = fields.Integer()
    at = fields.DateTime(metadata={"description": "when the change was made (its transaction began)"})
    action = fields.String(validate=validate.OneOf(("create", "update", "delete", "review")))
    cause = fields.String(validate=validate.OneOf(("api", "article", "review")), metadata={
        "description": "api: a request to /events; article: storing the article article_id (POST /articles or "
                       "eventsvc load); review: POST /events/{id}/review"})
    article_id = fields.Integer(allow_none=True, metadata={"description": "with cause article: which article"})
    who = fields.String(allow_none=True, metadata={"description": "who made the change (the API key's name); null "
                                                                  "when not known"})
    changes = fields.Dict(keys=fields.String(), values=fields.Dict(), metadata={
        "description": "the fields that changed, each {\"before\": ..., \"after\": ...}; a deletion is "
                       "{\"deleted\": {\"before\": false, \"after\": true}}",
        "example": {"fatalities": {"before": 5, "after": 3}}})


class HistorySchema(ma.Schema):
    items = fields.List(fields.Nested(HistoryEntrySchema), metadata={"description": "oldest first"})
