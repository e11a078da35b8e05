"""Field types whose OpenAPI description is exactly what they accept.

JSON bodies take JSON types as they are (`civilian_targeting: 0` is not false, `latitude: "15.6"` is not a number),
dates are `YYYY-MM-DD`, and the text rules (no NUL, not blank, no comma inside a list item) are regular
expressions, so that apispec writes them into openapi.yaml as `pattern`. Comma-separated query filters are
documented as arrays (`style: form, explode: false`).
"""
from __future__ import annotations

import re
from datetime import date

import marshmallow as ma
from marshmallow import fields, validate

# the characters str.strip() removes (str.isspace), spelled out: the pattern means the same in Python and ECMA 262
SPACE = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NUL_MESSAGE = "must not contain NUL (\\u0000) characters"
# PostgreSQL text cannot hold NUL: refused by the field, which it names, rather than by the driver
no_nul = validate.Regexp(r"^[^\x00]*$", error=NUL_MESSAGE)
# some character that is neither NUL nor space: what a name that must not be blank holds
NOT_BLANK = rf"^[^\x00]*[^\x00{SPACE}][^\x00]*$"
# one item of a comma-separated filter: no comma, no NUL, not blank
LIST_ITEM = rf"^[^,\x00]*[^,\x00{SPACE}][^,\x00]*$"
# an absolute http(s) URL: scheme, host, then path, query or fragment; no space, no NUL
URL = rf"^https?://[^{SPACE}\x00/?#]+([/?#][^{SPACE}\x00]*)?$"


class StrictBoolean(fields.Boolean):
    """true or false, the JSON literals only."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class StrictFloat(fields.Float):
    """A JSON number, not a string that holds one."""

    def _validated(self, value):
        if isinstance(value, str):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class QueryBoolean(fields.Boolean):
    """`true` or `false` in a query string (any case)."""

    truthy = {"true", "True", "TRUE"}
    falsy = {"false", "False", "FALSE"}


class IsoDate(fields.Date):
    """A calendar date written YYYY-MM-DD (RFC 3339 full-date), as the OpenAPI `format: date` says."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
            raise self.make_error("invalid", input=value, obj_type="date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.make_error("invalid", input=value, obj_type="date") from None


def _messages(exc: ma.ValidationError) -> list[str]:
    messages = exc.messages
    if isinstance(messages, dict):
        return [str(m) for value in messages.values() for m in (value if isinstance(value, list) else [value])]
    return [str(m) for m in (messages if isinstance(messages, list) else [messages])]


class CommaSeparated(fields.String):
    """Several values of one filter, ORed: comma-separated (`event_type=Battles,Riots`) or the parameter repeated."""

    is_multiple = True  # webargs hands over every occurrence of the parameter

    def __init__(self, item: fields.Field, **kwargs):
        super().__init__(**kwargs)
        self.item = item

    def _deserialize(self, value, attr, data, **kwargs):
        parts = []
        for text in value if isinstance(value, list) else [value]:
            parts += [part.strip() for part in super()._deserialize(text, attr, data, **kwargs).split(",")]
        if not parts or not all(parts):
            raise ma.ValidationError("an empty value in the comma-separated list")
        values, errors = [], []
        for part in parts:
            try:
                values.append(self.item.deserialize(part))
            except ma.ValidationError as exc:
                errors += [f"{part!r}: {message}" for message in _messages(exc)]
        if errors:
            raise ma.ValidationError(errors)
        return list(dict.fromkeys(values))


class Choice(fields.String):
    """One of a closed vocabulary, matched case-insensitively and returned in its canonical spelling."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = tuple(choices)
        self._canonical = {choice.lower(): choice for choice in self.choices}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return self._canonical[text.strip().lower()]
        except KeyError:
            raise ma.ValidationError(f"must be one of: {', '.join(self.choices)}") from None


# --- how apispec writes them (registered in api.py) ------------------------------------------------------------

def list_property(self, field, ret, **kwargs) -> dict:
    """CommaSeparated: an array of its items; a Choice: its vocabulary as the enum."""
    if isinstance(field, Choice) and "enum" not in ret:
        return {"enum": list(field.choices)}
    if not isinstance(field, CommaSeparated):
        return {}
    items = self.field2property(field.item)
    items.pop("example", None)
    if items.get("type") == "string" and "enum" not in items:
        items["pattern"] = LIST_ITEM
    prop = {"type": "array", "items": items, "minItems": 1}
    example = field.metadata.get("example")
    if isinstance(example, str):
        convert = int if items.get("type") == "integer" else str
        prop["example"] = [convert(part) for part in example.split(",")]
    return prop


def list_parameter(self, field, **kwargs) -> dict:
    """CommaSeparated: `name=a,b` (style form, explode false); the server takes `name=a&name=b` too."""
    return {"style": "form", "explode": False} if isinstance(field, CommaSeparated) else {}
