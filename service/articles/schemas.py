"""What an article looks like on the wire."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from ..events.schemas import EventSchema


class ArticleInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    title = fields.String(required=True, validate=validate.Length(min=1, max=1000),
                          metadata={"example": "Palestinians in Jenin Observe a General Strike"})
    body = fields.String(required=True, validate=validate.Length(min=1, max=500_000),
                         metadata={"description": "plain text, paragraphs separated by newlines"})
    published = fields.Date(required=True, metadata={"example": "2024-12-23"})
    published_precision = fields.String(load_default="day", validate=validate.OneOf(["day", "week", "month"]),
                                        metadata={"description": "how exact `published` is"})
    outlet = fields.String(allow_none=True, validate=validate.Length(max=300), metadata={"example": "AP"})
    url = fields.Url(allow_none=True, metadata={"description": "identifies the article: posting it again with new "
                                                               "text replaces its events"})

    @ma.validates("title")
    def not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("must not be blank")

    @ma.validates("body")
    def body_not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("must not be blank")


class ArticleSummarySchema(ma.Schema):
    id = fields.Integer()
    title = fields.String()
    outlet = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    published = fields.Date()
    published_precision = fields.Method("precision_name")
    content_hash = fields.String()
    event_count = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()

    def precision_name(self, obj):
        return {1: "day", 2: "week", 3: "month"}.get(obj.get("published_precision"), "day")


class ArticleSchema(ArticleSummarySchema):
    body = fields.String()
    events = fields.List(fields.Nested(EventSchema))


class ArticleWriteResultSchema(ArticleSchema):
    status = fields.String(metadata={"description": "new, updated (events replaced) or unchanged"})


class ArticlePageSchema(ma.Schema):
    items = fields.List(fields.Nested(ArticleSummarySchema))
    next = fields.String(allow_none=True)


class ArticleListArgsSchema(ma.Schema):
    limit = fields.Integer(validate=validate.Range(min=1, max=2_147_483_647),
                           metadata={"description": "page size (default 100, max 5000)", "example": 20})
    cursor = fields.String(metadata={"description": "opaque: copy it from `next`", "example": "eyJzb3J0IjoicHVibGlzaGVkIn0"})
