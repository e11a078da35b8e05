"""Listing actors by name with keyset cursors."""
from __future__ import annotations

from psycopg import sql

from ..db import Session
from ..pagination import cursor_position, encode_cursor

LIST_SQL = sql.SQL("""
SELECT a.id, a.name, a.aliases, a.inter, a.iso3, a.version, a.created_at, a.updated_at,
       coalesce(s.events, 0) AS event_count, s.first_event_date, s.last_event_date
FROM actors a
LEFT JOIN LATERAL (
    SELECT count(DISTINCT e.id) AS events, min(e.event_date) AS first_event_date, max(e.event_date) AS last_event_date
    FROM event_actors ea JOIN events e ON e.id = ea.event_id AND e.deleted_at IS NULL
    WHERE ea.actor_id = a.id
) s ON true
WHERE {where}
ORDER BY lower(a.name), a.id
LIMIT %(limit)s
""")


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError("not a name")
    return value


def list_actors(session: Session, args: dict, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    conditions: list[sql.Composable] = [sql.SQL("true")]
    params: dict = {"limit": limit + 1}
    if cursor:
        params["after_name"], params["after_id"] = cursor_position(cursor, "name", _text)
        conditions.append(sql.SQL("(lower(a.name), a.id) > (%(after_name)s, %(after_id)s::bigint)"))
    rows = session.all(LIST_SQL.format(where=sql.SQL(" AND ").join(conditions)), params)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor({"sort": "name", "after": [rows[-1]["name"].lower(), rows[-1]["id"]]})
    return rows, next_cursor
