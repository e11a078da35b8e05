"""Listing actors: search, filters, sorts and keyset cursors, composed with psycopg.sql from fixed pieces.

A page of actor ids is chosen first (filters, sort key, LIMIT); only then are the page's event counts and
first/last dates read, by one aggregate over `event_actors` restricted to the page (an id array, so that the
index on actor_id serves it). Sorting by event count needs every candidate's count, so that sort aggregates all
of the yearly actor rollup (one row per actor and year) before choosing the page.

q matches the name and every alias at once through `actor_search_text(name, aliases)` (sql/003, trigram index):
a word similarity of at least SEARCH_THRESHOLD lets an actor in, typos and all. Its relevance is the best, over
the name and the aliases, of the mean of word similarity and similarity: a whole-name or alias hit scores 1, a
typo or a single word of a long name less. Relevance pages are keyset cursors on (relevance, id) like the others.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from psycopg import sql

from ..db import Session
from ..pagination import cursor_position, encode_cursor

# the word similarity (0-1) a name or alias must reach for q to find the actor; pg_trgm's default is 0.6
SEARCH_THRESHOLD = 0.5

# actors' live events: how many, the first and last day (WHERE on ea.actor_id, then GROUP BY ea.actor_id follow).
# From the /stats rollups (sql/008, sql/009), which count an event once per actor and hold live events only: a
# dozen yearly rows per actor for the count, the ends of its daily rows for the dates.
EVENT_STATS = sql.SQL("""SELECT ea.actor_id, sum(ea.events)::bigint AS events,
       (SELECT min(d.event_date) FROM stats_actors_daily d WHERE d.actor_id = ea.actor_id) AS first_event_date,
       (SELECT max(d.event_date) FROM stats_actors_daily d WHERE d.actor_id = ea.actor_id) AS last_event_date
FROM stats_actors_yearly ea""")

RELEVANCE = sql.SQL("""(SELECT max((word_similarity(%(q)s, lower(n)) + similarity(%(q)s, lower(n)))::float8 / 2)
 FROM unnest(array_prepend(a.name, a.aliases)) n)""")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a name")
    return value


def _count(value: Any) -> int:
    if type(value) is not int or not 0 <= value < 2**63:
        raise ValueError("not a count")
    return value


def _score(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ValueError("not a score")
    return float(value)


@dataclass(frozen=True)
class SortKey:
    expression: sql.Composable  # over `actors a` (and `counts c` when needs_counts)
    sql_type: str
    parse_cursor_value: Callable[[Any], Any]
    needs_counts: bool = False


SORT_KEYS = {
    "name": SortKey(sql.SQL("lower(a.name)"), "text", _text),
    "events": SortKey(sql.SQL("coalesce(c.events, 0)"), "bigint", _count, needs_counts=True),
    "relevance": SortKey(RELEVANCE, "float8", _score),
}


def effective_sort(args: dict) -> str:
    """The sort asked for, else relevance for a search and name otherwise. Relevance is always best first."""
    sort = args.get("sort") or ("relevance" if args.get("q") else "name")
    return "-relevance" if sort == "relevance" else sort


def _page_query(args: dict, sort: str, cursor: str | None, limit: int) -> tuple[sql.Composed, dict]:
    key = SORT_KEYS[sort.lstrip("-")]
    descending = sort.startswith("-")
    conditions: list[sql.Composable] = []
    params: dict[str, Any] = {"limit": limit + 1, "q": (args.get("q") or "").lower()}
    if args.get("q"):
        conditions.append(sql.SQL("%(q)s <%% actor_search_text(a.name, a.aliases)"))
    if args.get("inter"):
        params["inter"] = args["inter"]
        conditions.append(sql.SQL("a.inter = ANY(%(inter)s::smallint[])"))
    if args.get("country"):
        params["country"] = args["country"]
        conditions.append(sql.SQL("a.iso3 = ANY(%(country)s::bpchar[])"))
    if cursor:
        params["after"], params["after_id"] = cursor_position(cursor, sort, key.parse_cursor_value)
        conditions.append(sql.SQL("({key}, a.id) {op} (%(after)s::{type}, %(after_id)s::bigint)").format(
            key=key.expression, op=sql.SQL("<" if descending else ">"), type=sql.SQL(key.sql_type)))
    counts = sql.SQL("")
    if key.needs_counts:
        counts = sql.SQL("LEFT JOIN ({stats} GROUP BY ea.actor_id) c ON c.actor_id = a.id").format(stats=EVENT_STATS)
    direction = sql.SQL("DESC" if descending else "ASC")
    query = sql.SQL("""
WITH page AS (
    SELECT a.id, {key} AS sort_key
    FROM actors a {counts}
    WHERE {where}
    ORDER BY {key} {dir}, a.id {dir}
    LIMIT %(limit)s
)
SELECT a.id, a.name, a.aliases, a.inter, a.iso3, a.version, a.created_at, a.updated_at,
       coalesce(s.events, 0) AS event_count, s.first_event_date, s.last_event_date, p.sort_key
FROM page p
JOIN actors a ON a.id = p.id
LEFT JOIN ({stats} WHERE ea.actor_id = ANY(ARRAY(SELECT id FROM page)) GROUP BY ea.actor_id) s ON s.actor_id = a.id
ORDER BY p.sort_key {dir}, p.id {dir}""").format(
        key=key.expression, counts=counts, where=sql.SQL(" AND ").join(conditions or [sql.SQL("true")]),
        dir=direction, stats=EVENT_STATS)
    return query, params


def list_actors(session: Session, args: dict, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """One page of actors with their event counts and first/last event dates, and the next page's cursor."""
    sort = effective_sort(args)
    query, params = _page_query(args, sort, cursor, limit)
    if args.get("q"):
        session.one("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", (str(SEARCH_THRESHOLD),))
    rows = session.all(query, params)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor({"sort": sort, "after": [rows[-1]["sort_key"], rows[-1]["id"]]})
    return rows, next_cursor
