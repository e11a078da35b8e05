"""What an event looks like on the wire: ACLED's flat record, created from the same names."""
from __future__ import annotations

import re

import marshmallow as ma
from marshmallow import fields, validate

from ..fields import NOT_BLANK, Choice, CommaSeparated, IsoDate, QueryBoolean, StrictBoolean, StrictFloat, no_nul
from ..pagination import encode_cursor
from ..vocab import countries
from ..taxonomy import ACTOR_ROLES, ALL_SUB_EVENT_TYPES, DISORDER_TYPES, EVENT_TYPE_OF, EVENT_TYPES
from .params import BoundingBox, Instant, LatLon, PageLimit
from .rules import event_rules

INT4_MAX = 2_147_483_647  # PostgreSQL integer
INT8_MAX = 9_223_372_036_854_775_807  # PostgreSQL bigint: every id


ISO3 = validate.Regexp(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code such as SYR")
NAME = [validate.Length(min=1, max=300), no_nul]


def split_names(value: str | None) -> list[str]:
    """ACLED packs several associated actors in one field, separated by ';'."""
    return [n.strip() for n in (value or "").split(";") if n.strip()]


def assoc_names(value: str) -> None:
    """Each name in an assoc_actor field is an actor name: at most 300 characters, no NUL."""
    no_nul(value)
    too_long = [name[:40] for name in split_names(value) if len(name) > 300]
    if too_long:
        raise ma.ValidationError([f"an actor name is at most 300 characters: {name!r}..." for name in too_long])


REVIEW_STATES = ("unreviewed", "confirmed", "corrected")
ASSOC_DOC = ("actors associated with the main one, names separated by '; '. Each must already be known (an actor "
             "of this service or of the shipped actor dictionary): create a new one first with POST /actors")
ASSOC_META = {"description": ASSOC_DOC, "pattern": no_nul.regex.pattern}


class EventInSchema(ma.Schema):
    """A new or replaced event. Place and actors are given by name; known ones are reused, unknown ones created."""

    class Meta:
        unknown = ma.RAISE

    # what check_consistency enforces, as JSON Schema (rules.py)
    OPENAPI = staticmethod(event_rules)

    event_date = IsoDate(required=True, metadata={"example": "2024-05-01"})
    time_precision = fields.Integer(strict=True, load_default=1, validate=validate.Range(1, 3),
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
    latitude = StrictFloat(allow_none=True, validate=validate.Range(-90, 90), metadata={"example": 15.64})
    longitude = StrictFloat(allow_none=True, validate=validate.Range(-180, 180), metadata={"example": 32.48})
    geo_precision = fields.Integer(strict=True, load_default=1, validate=validate.Range(1, 3),
                                   metadata={"description": "1 town, 2 near a town / part of a region, 3 larger region"})
    actor1 = fields.String(required=True, validate=NAME, metadata={"example": "Rapid Support Forces",
                                                                    "pattern": NOT_BLANK})
    inter1 = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 8), metadata={
        "description": "inter code for actor1 when it is not yet known to the service"})
    assoc_actor_1 = fields.String(allow_none=True, validate=assoc_names, metadata=ASSOC_META)
    actor2 = fields.String(allow_none=True, validate=NAME, metadata={"example": "Military Forces of Sudan",
                                                                     "pattern": NOT_BLANK})
    inter2 = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 8))
    assoc_actor_2 = fields.String(allow_none=True, validate=assoc_names, metadata=ASSOC_META)
    civilian_targeting = StrictBoolean(metadata={"description": (
        "whether civilians were the target; when omitted, true for Violence against civilians events (as ACLED "
        "codes them) and false otherwise")})
    fatalities = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0, max=1_000_000),
                                metadata={"example": 5})
    notes = fields.String(allow_none=True, validate=[validate.Length(max=10_000), no_nul])

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
    confidence = fields.Float(allow_none=True, metadata={
        "description": "how sure the extractor was, 0 to 1: the highest of its sources'; null for an event a person "
                       "created", "example": 0.65})
    review_status = fields.String(validate=validate.OneOf(REVIEW_STATES), metadata={
        "description": "unreviewed; confirmed (a reviewer accepted it); corrected (changed by a person: a review with "
                       "changes, PUT or PATCH). Reloading an article never changes a confirmed or corrected event"})
    reviewed_at = fields.DateTime(allow_none=True, metadata={"description": "last review or edit; null if never"})
    version = fields.Integer(metadata={"description": "row version; send it back in If-Match to update safely"})
    timestamp = fields.Integer(metadata={"description": "last update, Unix seconds (ACLED's timestamp)"})


class EventListItemSchema(EventSchema):
    """An event in a list. With `updated_since`, a deleted event comes as a tombstone: id, deleted, updated_at."""

    updated_at = fields.DateTime(metadata={"description": "last change; what `updated_since` compares with"})
    deleted = fields.Boolean(metadata={"description": "present, and true, only on tombstones (see updated_since)"})


class EventPageSchema(ma.Schema):
    items = fields.List(fields.Nested(EventListItemSchema))
    next = fields.String(allow_none=True, metadata={"description": "URL of the next page, null on the last"})
    total = fields.Integer(metadata={
        "description": "with_total=true only: how many items the whole walk returns (every page, tombstones included)"})


# --- query parameters of GET /events ------------------------------------------------------------------

class CountryRef(fields.String):
    """A country by ISO3 code or English name (aliases too), case-insensitive; loads as the ISO3 code."""

    def _deserialize(self, value, attr, data, **kwargs):
        found = countries.lookup(super()._deserialize(value, attr, data, **kwargs))
        if found is None:
            raise ma.ValidationError("unknown country: give an ISO 3166-1 alpha-3 code (SYR) or a name (Syria)")
        return found.iso3


class ActorRef(fields.String):
    """An actor by id (digits) or by name or alias (case-insensitive)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        no_nul(text)
        if len(text) > 300:
            raise ma.ValidationError("an actor name is at most 300 characters")
        if re.fullmatch(r"[0-9]+", text):  # ASCII digits: "²" is a digit to str.isdigit, not to int
            if int(text) > INT8_MAX:
                raise ma.ValidationError(f"an actor id is at most {INT8_MAX}")
            return int(text)
        return text


SORTS = ("event_date", "-event_date", "fatalities", "-fatalities", "updated_at", "-updated_at")
FORMATS = ("json", "csv", "geojson")


def _doc(description: str, example) -> dict:
    return {"metadata": {"description": description, "example": example}}


class ListArgsSchema(ma.Schema):
    """Query parameters of GET /events. Parameters AND together; comma-separated values OR within one."""

    # paging and shape
    sort = fields.String(validate=validate.OneOf(SORTS), **_doc(
        "event_date, fatalities or updated_at, '-' prefix for descending; ties break on id in the same direction. "
        "Default -event_date, or updated_at (ascending) when updated_since is given", "-event_date"))
    limit = PageLimit(**_doc(
        "page size, 1 to 5000 (default 100). Exports (format=csv or geojson) without a limit, or with limit=all, "
        "stream every matching event", "100"))
    cursor = fields.String(**_doc("opaque: copy it from `next` (valid only for the same sort)",
                                  encode_cursor({"sort": "-event_date", "after": ["2024-05-01", 10]})))
    with_total = QueryBoolean(**_doc("add `total`, the exact number of matching items, to the body "
                                       "(X-Total-Count header for exports)", True))
    format = Choice(FORMATS, metadata={
        "description": "json (default), csv (ACLED's export columns) or geojson (FeatureCollection); overrides "
                       "Accept, where text/csv and application/geo+json select the same",
        "example": "csv", "enum": list(FORMATS)})
    # when
    date_from = IsoDate(**_doc("events on or after this day (YYYY-MM-DD)", "2024-01-01"))
    date_to = IsoDate(**_doc("events on or before this day (YYYY-MM-DD)", "2024-12-31"))
    updated_since = Instant(**_doc(
        "changed at or after this instant: ISO 8601 (UTC unless an offset is given) or Unix seconds. For mirroring "
        "clients: events deleted since then come back as tombstones {id, deleted: true, updated_at}, and the "
        "default sort becomes updated_at ascending. updated_at is the time the writing transaction began, so a long "
        "transaction can commit a change stamped before the largest updated_at you have already seen: for the next "
        "call, go back a safety margin from that value (e.g. 5 minutes) and de-duplicate by id",
        "2024-05-01T00:00:00Z"))
    # where
    country = CommaSeparated(CountryRef(), **_doc("ISO 3166-1 alpha-3 codes or English names, case-insensitive",
                                                  "SYR,Lebanon"))
    admin1 = CommaSeparated(fields.String(validate=[validate.Length(max=300), no_nul]), **_doc(
        "first-level administrative units (governorate, state, province), case-insensitive", "Homs"))
    location = CommaSeparated(fields.String(validate=[validate.Length(max=300), no_nul]), **_doc(
        "place names, case-insensitive", "Omdurman"))
    bbox = BoundingBox(**_doc("events inside minLon,minLat,maxLon,maxLat (degrees, edges included)",
                              "35.0,32.0,36.5,34.7"))
    near = LatLon(**_doc("events within radius_km of lat,lon (great-circle distance); needs radius_km",
                         "32.46,35.30"))
    radius_km = fields.Float(validate=validate.Range(min=0, min_inclusive=False, max=20_100), metadata={
        "description": "radius around `near`, in kilometres", "example": 50, "exclusiveMinimum": True})
    # what
    event_type = CommaSeparated(Choice(EVENT_TYPES), **_doc(
        f"ACLED event types, case-insensitive: {', '.join(EVENT_TYPES)}", "Battles,Explosions/Remote violence"))
    sub_event_type = CommaSeparated(Choice(ALL_SUB_EVENT_TYPES), **_doc(
        "ACLED sub-event types, case-insensitive (e.g. Armed clash, Air/drone strike, Peaceful protest)",
        "Air/drone strike"))
    disorder_type = CommaSeparated(Choice(DISORDER_TYPES), **_doc(
        f"ACLED disorder types, case-insensitive: {', '.join(DISORDER_TYPES)}", "Political violence"))
    fatalities_min = fields.Integer(validate=validate.Range(min=0, max=INT4_MAX),
                                    **_doc("at least this many reported deaths", 1))
    fatalities_max = fields.Integer(validate=validate.Range(min=0, max=INT4_MAX),
                                    **_doc("at most this many reported deaths", 100))
    q = fields.String(validate=[validate.Length(min=1, max=500), no_nul], **_doc(
        "full-text search (PostgreSQL, English stemming) over notes, place name and actor names, and over source "
        "evidence; web-search syntax: "
        "\"quoted phrase\", or, -word", "airstrike hospital"))
    # who
    actor = CommaSeparated(ActorRef(metadata={"maxLength": 300}), **_doc(
        "actors by id, name or alias (case-insensitive), in any role unless actor_role narrows it",
        "Rapid Support Forces"))
    actor_role = CommaSeparated(Choice(ACTOR_ROLES), **_doc(
        "with actor: the roles it must hold: actor1, actor2, assoc_actor_1, assoc_actor_2", "actor1"))
    inter = CommaSeparated(fields.Integer(validate=validate.Range(1, 8)), **_doc(
        "ACLED inter codes 1-8 of either main actor (actor1 or actor2): 1 state forces, 2 rebels, "
        "3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other",
        "1,2"))
    review = Choice(("pending", "reviewed"), metadata={
        "description": "pending: extracted events below the confidence threshold (REVIEW_CONFIDENCE_THRESHOLD) "
                       "that nobody reviewed or edited yet; reviewed: events confirmed or corrected by a person",
        "example": "pending", "enum": ["pending", "reviewed"]})
    # evidence
    article_id = CommaSeparated(fields.Integer(validate=validate.Range(min=1, max=INT8_MAX)), **_doc(
        "events coded from these articles", "12"))

    @ma.validates_schema
    def check_together(self, data, **kwargs):
        errors = {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            errors["date_from"] = ["must not be after date_to"]
        if data.get("fatalities_min") is not None and data.get("fatalities_max") is not None \
                and data["fatalities_min"] > data["fatalities_max"]:
            errors["fatalities_min"] = ["must not exceed fatalities_max"]
        if ("near" in data) != ("radius_km" in data):
            errors["radius_km" if "near" in data else "near"] = ["near=lat,lon and radius_km go together"]
        if "actor_role" in data and "actor" not in data:
            errors["actor_role"] = ["narrows actor: give actor too"]
        if errors:
            raise ma.ValidationError(errors)
