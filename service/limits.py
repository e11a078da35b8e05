"""Hard limits on what a request body may hold, checked before any view parses it.

The size is werkzeug's (MAX_CONTENT_LENGTH, from MAX_BODY_BYTES: 413 from the Content-Length, before the body is
read). Here: JSON nested deeper than MAX_DEPTH (the parser would recurse until it fails), integers longer than
any column holds (Python refuses to read integers past 4,300 digits), lone surrogates (no UTF-8 encoding: the
database cannot store them) and NUL (PostgreSQL text cannot hold it) are each a 422 that names the field.
"""
from __future__ import annotations

import json
import re

from flask import request

from .errors import Unprocessable

MAX_DEPTH = 32
INT8_MAX = 2**63 - 1
# a string (its closing quote optional: an unclosed one is matched once, to the end, never retried from every
# quote inside it) or a bracket
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.S)
_BAD_CHAR = re.compile(r"[\x00\ud800-\udfff]")


class _TooLong(str):
    """An integer literal too long to convert: kept as text so that the walk can name its field."""


def _int(literal: str):
    return int(literal) if len(literal) <= 20 else _TooLong(literal)


def _key(token: str) -> str:
    """A top-level key as the error names it; "_schema" when it is too long or not valid JSON text."""
    if len(token) >= 200:
        return "_schema"
    try:
        return str(json.loads(token))
    except ValueError:
        return "_schema"


def _too_deep(text: str) -> str | None:
    """The top-level field whose value is nested deeper than MAX_DEPTH ("_schema" for the body itself), or None.

    One pass over the strings and brackets: strings are skipped whole, so brackets inside them do not count, and
    the last string at depth 1 followed by a colon is the field being read."""
    depth, field = 0, "_schema"
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if depth == 1 and text[match.end():match.end() + 2].lstrip().startswith(":"):
                field = _key(token)
            continue
        depth += 1 if token in "[{" else -1
        if depth > MAX_DEPTH:
            return field
    return None


def _problem(value, path: str) -> str | None:
    """What is wrong with one value, or None."""
    if isinstance(value, _TooLong) or (isinstance(value, int) and not isinstance(value, bool)
                                       and abs(value) > INT8_MAX):
        return "integer out of range"
    if isinstance(value, str):
        bad = _BAD_CHAR.search(value)
        if bad:
            return "contains NUL" if bad.group() == "\x00" else "contains a lone surrogate (not valid Unicode)"
    return None


def _walk(value, path: str = ""):
    """Every (field path, problem) in a parsed body; keys are checked as well as values."""
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if _problem(key, name):
                yield (path or "_schema"), "a field name contains NUL or a lone surrogate"
            yield from _walk(item, name)
    elif isinstance(value, list):  # a list's errors stay under the list's name, as in errors.py
        for item in value:
            yield from _walk(item, path)
    else:
        problem = _problem(value, path)
        if problem:
            yield (path or "_schema"), problem


def check_json_body() -> None:
    """before_request, for writes that send JSON: refuse what the parser or the database would choke on."""
    if request.method not in ("POST", "PUT", "PATCH") or not request.is_json:
        return
    text = request.get_data(cache=True).decode("utf-8", "replace")
    deep = _too_deep(text)
    if deep is not None:
        raise Unprocessable(f"the JSON body is nested more than {MAX_DEPTH} levels deep: {deep}",
                            errors={deep: [f"nested deeper than {MAX_DEPTH}"]})
    try:
        body = json.loads(text, parse_int=_int)
    except ValueError:
        return  # not JSON: the schema's own parser answers that, as before
    errors: dict[str, list[str]] = {}
    for field, problem in _walk(body):
        if problem not in errors.setdefault(field, []):
            errors[field].append(problem)
    if errors:
        raise Unprocessable(f"invalid input: {', '.join(sorted(errors))}", errors=errors)
