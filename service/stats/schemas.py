"""GET /stats on the wire: the /events filters plus grouping, and rows shaped for charting libraries."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from ..events.schemas import Choice, CommaSeparated, ListArgsSchema
from .queries import GROUP_KEYS, INTERVALS, MAX_ROWS, TOP_MAX

FORMATS = ("json", "csv")
OTHER_DOC = 'or "other" (the groups that top folds together)'


def _doc(description: str, example, **schema) -> dict:
    return {"metadata": {"description": description, "example": example, **schema}}


def one_or_two(keys: list[str]) -> None:
    # a function, not validate.Length, which apispec would document as the string's maxLength (maxItems: _doc)
    if len(keys) > 2:
        raise ma.ValidationError("one or two keys")


class StatsArgsSchema(ListArgsSchema):
    """Query parameters of GET /stats: every GET /events filter, and how to group and bucket the events."""

    class Meta:
        exclude = ("sort", "limit", "cursor", "with_total")

    group_by = CommaSeparated(Choice(GROUP_KEYS), validate=one_or_two, **_doc(
        "one or two of: " + ", ".join(GROUP_KEYS) + ". `actor` counts an event once for each distinct actor "
        "taking part in it, in any role (so the actor rows add up to more than the number of events); `inter` is "
        "the inter code of actor1; `country` is the country name; null when an event has no value (admin1)",
        "event_type", maxItems=2))
    interval = Choice(INTERVALS, metadata={
        "description": "time buckets: day, week (starting Monday), month or year; `period` is the first day of "
                       "the bucket. The series is zero-filled for every group from date_from to date_to when "
                       "given, else from the first to the last matching event; the first and last buckets may be "
                       "partial",
        "example": "month", "enum": list(INTERVALS)})
    top = fields.Integer(validate=validate.Range(1, TOP_MAX), **_doc(
        "with group_by: keep the N groups with the most events over the whole range (ties: more fatalities, then "
        "the keys in order) and fold the others into one group whose keys are all \"other\"; its counts are the "
        "sums of the folded groups' counts", 5))
    format = Choice(FORMATS, metadata={
        "description": "json (default) or csv (header: the row keys); overrides Accept, where text/csv selects csv",
        "example": "csv", "enum": list(FORMATS)})

    @ma.validates_schema
    def top_needs_groups(self, data, **kwargs):
        if "top" in data and not data.get("group_by"):
            raise ma.ValidationError({"top": ["keeps the largest groups of group_by: give group_by too"]})


class StatsRowSchema(ma.Schema):
    """One bucket: its group keys (those of group_by), its period (with interval), and its counts."""

    event_type = fields.String(allow_none=True, **_doc(f"with group_by=event_type; {OTHER_DOC}", "Battles"))
    sub_event_type = fields.String(allow_none=True, **_doc(f"with group_by=sub_event_type; {OTHER_DOC}",
                                                           "Armed clash"))
    disorder_type = fields.String(allow_none=True, **_doc(f"with group_by=disorder_type; {OTHER_DOC}",
                                                          "Political violence"))
    country = fields.String(allow_none=True, **_doc(f"with group_by=country: the country name; {OTHER_DOC}", "Sudan"))
    admin1 = fields.String(allow_none=True, **_doc(f"with group_by=admin1 (null: events without one); {OTHER_DOC}",
                                                   "Khartoum"))
    actor = fields.String(allow_none=True, **_doc(f"with group_by=actor: an actor's name; {OTHER_DOC}",
                                                  "Rapid Support Forces"))
    inter = fields.Raw(allow_none=True, **_doc(f"with group_by=inter: actor1's inter code (1-8), {OTHER_DOC}", 2))
    period = fields.Date(**_doc("with interval: the first day of the bucket", "2024-03-01"))
    events = fields.Integer(**_doc("matching events in the bucket (with group_by=actor: events of that actor)", 12))
    fatalities = fields.Integer(**_doc("reported deaths in those events", 40))


class StatsSchema(ma.Schema):
    items = fields.List(fields.Nested(StatsRowSchema), metadata={
        "description": f"ascending by period, then by group keys (\"other\" last); at most {MAX_ROWS} rows"})
