"""The rules between the fields of an event body that EventInSchema.check_consistency enforces, written as JSON
Schema for openapi.yaml (api.py's SchemaRules plugin reads a schema's OPENAPI), so that a client, or a fuzzer,
knows them before it is refused."""
from __future__ import annotations

from ..taxonomy import EVENT_TYPE_OF, EVENT_TYPES

COORDINATES = ("latitude", "longitude")


def _place() -> dict:
    """iso3 or country, or both."""
    return {"anyOf": [{"required": ["iso3"]}, {"required": ["country"]}]}


def _coordinates() -> dict:
    """latitude and longitude go together: both numbers, both null, or both absent."""
    either = {"anyOf": [{"required": [name]} for name in COORDINATES]}
    return {"anyOf": [
        {"not": either},
        {"required": list(COORDINATES), "properties": {name: {"type": "number"} for name in COORDINATES}},
        {"required": list(COORDINATES),
         "properties": {name: {"type": "number", "nullable": True, "enum": [None]} for name in COORDINATES}},
    ]}


def _types() -> dict:
    """A sub_event_type sent with an event_type belongs to it."""
    return {"anyOf": [{"not": {"required": ["event_type"]}}] + [
        {"properties": {"event_type": {"enum": [event_type]},
                        "sub_event_type": {"enum": [sub for sub, of in EVENT_TYPE_OF.items() if of == event_type]}}}
        for event_type in EVENT_TYPES]}


def event_rules(partial) -> dict:
    """A new or replaced event needs a place; a partial one (PATCH, a review's changes) keeps the stored one."""
    rules = [_coordinates(), _types()] if partial else [_place(), _coordinates(), _types()]
    return {"allOf": rules}
