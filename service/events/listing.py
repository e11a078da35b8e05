"""Listing events: filters from a whitelist, sort keys, keyset cursors — composed with psycopg.sql."""
from __future__ import annotations

from psycopg import sql

from ..db import Session
from ..errors import BadRequest
from ..pagination import decode_cursor, encode_cursor

# sort name -> (column of event_records, SQL type of its cursor value)
SORT_COLUMNS = {"event_date": "date", "fatalities": "integer", "updated_at": "timestamptz"}
DEFAULT_SORT = "-event_date"


def parse_sort(value: str | None) -> tuple[str, bool]:
    value = value or DEFAULT_SORT
    descending = value.startswith("-")
    column = value.lstrip("-+")
    if column not in SORT_COLUMNS:
        raise BadRequest(f"sort must be one of {', '.join(SORT_COLUMNS)} (prefix '-' for descending)",
                         errors={"sort": [f"unknown sort key {column!r}"]})
    return column, descending


def build_filters(args: dict) -> list[sql.Composable]:
    """WHERE conditions for the given filter arguments (each already validated by the schema)."""
    conditions: list[sql.Composable] = [sql.SQL("r.deleted_at IS NULL")]
    return conditions


def list_events(session: Session, args: dict, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    column, descending = parse_sort(args.get("sort"))
    conditions = build_filters(args)
    params: dict = {"limit": limit + 1}
    if cursor:
        payload = decode_cursor(cursor)
        if payload.get("sort") != (args.get("sort") or DEFAULT_SORT) or not isinstance(payload.get("after"), list) \
                or len(payload["after"]) != 2:
            raise BadRequest("the cursor belongs to another sort order or is malformed; start again without it",
                             errors={"cursor": ["does not match this query"]})
        params["after_value"], params["after_id"] = payload["after"]
        op = sql.SQL("<") if descending else sql.SQL(">")
        conditions.append(sql.SQL("(r.{col}, r.id) {op} (%(after_value)s::{typ}, %(after_id)s::bigint)").format(
            col=sql.Identifier(column), op=op, typ=sql.SQL(SORT_COLUMNS[column])))
    direction = sql.SQL("DESC") if descending else sql.SQL("ASC")
    query = sql.SQL("SELECT r.* FROM event_records r WHERE {where} ORDER BY r.{col} {dir}, r.id {dir} "
                    "LIMIT %(limit)s").format(
        where=sql.SQL(" AND ").join(conditions), col=sql.Identifier(column), dir=direction)
    rows = session.all(query, params)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor({"sort": args.get("sort") or DEFAULT_SORT,
                                     "after": [last[column].isoformat() if hasattr(last[column], "isoformat")
                                               else last[column], last["id"]]})
    return rows, next_cursor
