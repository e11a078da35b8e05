"""What an article looks like on the wire."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from ..events.schemas import EventSchema
from ..fields import NOT_BLANK, URL, IsoDate, no_nul
from ..pagination import encode_cursor


class ArticleInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    title = fields.String(required=True, validate=validate.Length(min=1, max=1000), metadata={
        "example": "Palestinians in Jenin Observe a General Strike", "pattern": NOT_BLANK})
    body = fields.String(required=True, validate=validate.Length(min=1, max=500_000), metadata={
        "description": "plain text, paragraphs separated by newlines", "pattern": NOT_BLANK})
    published = IsoDate(required=True, metadata={"example": "2024-12-23"})
    published_precision = fields.String(load_default="day", validate=validate.OneOf(["day", "week", "month"]),
                                        metadata={"description": "how exact `published` is"})
    outlet = fields.String(allow_none=True, validate=[validate.Length(max=300), no_nul], metadata={"example": "AP"})
    url = fields.String(allow_none=True, validate=validate.Regexp(URL, error="Not a valid URL."), metadata={
        "description": "an absolute http(s) URL; it identifies the article: posting it again with new text replaces "
                       "its events", "example": "https://apnews.com/article/jenin-strike"})

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
                           metadata={"description": "page size (default 100, max 5000)", "example": 20,
                                     "maximum": 5000})
    cursor = fields.String(metadata={"description": "opaque: copy it from `next`",
                                     "example": encode_cursor({"sort": "published", "after": ["2024-12-23", 10]})})
