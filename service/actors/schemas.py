"""What an actor looks like on the wire."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from ..events.schemas import CountryRef, ListArgsSchema
from ..fields import NOT_BLANK, CommaSeparated, no_nul
from ..pagination import encode_cursor
from ..taxonomy import INTER_CODES

INTER_DOC = "ACLED inter code: " + ", ".join(f"{k} {v.lower()}" for k, v in INTER_CODES.items())


class ActorInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    name = fields.String(required=True, validate=[validate.Length(min=1, max=300), no_nul],
                         metadata={"example": "Rapid Support Forces", "pattern": NOT_BLANK})
    aliases = fields.List(fields.String(validate=[validate.Length(min=1, max=300), no_nul]), load_default=list,
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
    event_count = fields.Integer(metadata={"description": "live events it takes part in, in any role"})
    first_event_date = fields.Date(allow_none=True, metadata={"description": "date of its first event"})
    last_event_date = fields.Date(allow_none=True, metadata={"description": "date of its last event"})
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ActorPageSchema(ma.Schema):
    items = fields.List(fields.Nested(ActorSchema))
    next = fields.String(allow_none=True, metadata={"description": "URL of the next page, null on the last"})


# --- query parameters --------------------------------------------------------------------------------

ACTOR_SORTS = ("name", "-name", "events", "-events", "relevance")


def _doc(description: str, example) -> dict:
    return {"metadata": {"description": description, "example": example}}


class ActorListArgsSchema(ma.Schema):
    """Query parameters of GET /actors. Parameters AND together; comma-separated values OR within one."""

    q = fields.String(validate=[validate.Length(min=1, max=300), no_nul], **_doc(
        "find actors by name or alias, typo-tolerant: pg_trgm word similarity of at least 0.5 with the name or an "
        "alias. Results come ranked by relevance (best first) unless `sort` says otherwise", "Islamik State"))
    inter = CommaSeparated(fields.Integer(validate=validate.Range(1, 8)), **_doc(
        INTER_DOC + "; comma-separated codes OR together", "1,2"))
    country = CommaSeparated(CountryRef(), **_doc(
        "home country (the actor's iso3): ISO 3166-1 alpha-3 codes or English names, case-insensitive; actors "
        "without a home country never match", "SDN,Syria"))
    sort = fields.String(validate=validate.OneOf(ACTOR_SORTS), **_doc(
        "name (case-insensitive), events (event count) or relevance (with q only); '-' prefix for descending. "
        "Ties break on id in the same direction (relevance: best first, then id descending). Default: relevance "
        "with q, else name", "-events"))
    limit = fields.Integer(validate=validate.Range(min=1), metadata={
        "description": "page size (default 100, max 5000)", "example": 100, "maximum": 5000})
    cursor = fields.String(**_doc("opaque: copy it from `next` (valid only for the same sort)",
                                  encode_cursor({"sort": "-events", "after": [12, 10]})))

    @ma.validates_schema
    def relevance_needs_q(self, data, **kwargs):
        if data.get("sort") == "relevance" and not data.get("q"):
            raise ma.ValidationError({"sort": ["relevance ranks the matches of q: give q too"]})


class ActorEventsArgsSchema(ListArgsSchema):
    """Query parameters of GET /actors/{id}/events: those of GET /events, the actor given by the path."""

    class Meta:
        exclude = ("actor",)

    @ma.validates_schema
    def check_together(self, data, **kwargs):
        # the path names the actor, so actor_role narrows it without an `actor` parameter
        super().check_together({**data, "actor": "path"}, **kwargs)


class ActorHistoryEntrySchema(ma.Schema):
    id = fields.Integer()
    actor_id = fields.Integer()
    at = fields.DateTime(metadata={"description": "when the change was made (its transaction began)"})
    action = fields.String(validate=validate.OneOf(("create", "update", "delete")))
    cause = fields.String(validate=validate.OneOf(("api", "article", "review")), metadata={
        "description": "api: a request to /actors or /events naming a new actor; article: storing the article "
                       "article_id; review: a correcting review naming a new actor"})
    article_id = fields.Integer(allow_none=True, metadata={"description": "with cause article: which article"})
    who = fields.String(allow_none=True, metadata={"description": "the API key's name; null when not known"})
    changes = fields.Dict(keys=fields.String(), values=fields.Dict(), metadata={
        "description": "the fields that changed, each {\"before\": ..., \"after\": ...}",
        "example": {"inter": {"before": 3, "after": 2}}})


class ActorHistorySchema(ma.Schema):
    items = fields.List(fields.Nested(ActorHistoryEntrySchema))
