"""Listing events: filters from a whitelist, sort keys, keyset cursors — composed with psycopg.sql.

Every filter becomes a condition over `events e JOIN locations l` (the base tables, so that each one can use
an index of sql/002_query_indexes.sql) with its values as named parameters, never in the SQL text. A page is
chosen on the base tables first (ORDER BY the sort key and id, LIMIT n) and only its rows are then read from
the `event_records` view, whose actor subqueries are the costly part: page 1000 costs what page 1 costs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterator

from psycopg import sql

from ..db import Session
from ..errors import BadRequest
from ..pagination import cursor_position, encode_cursor
from ..taxonomy import ACTOR_ROLES, DISORDER_TYPE_OF
from .service import attach_sources

# sort name -> SQL type of its cursor value (each is a column of `events`)
SORT_COLUMNS = {"event_date": "date", "fatalities": "integer", "updated_at": "timestamptz"}


def _int4(value) -> int:
    if type(value) is not int or not -2**31 <= value < 2**31:
        raise ValueError("not an integer")
    return value


# SQL type -> the Python value a cursor must hold for it (anything else is a tampered cursor)
CURSOR_VALUE = {"date": date.fromisoformat, "integer": _int4, "timestamptz": datetime.fromisoformat}
DEFAULT_SORT = "-event_date"
# a mirroring client reads changes in the order they happened
SYNC_SORT = "updated_at"

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
TEXT_SEARCH_CONFIG = "english"  # must be the configuration of event_search_vector in sql/009


def effective_sort(args: dict) -> str:
    return args.get("sort") or (SYNC_SORT if args.get("updated_since") else DEFAULT_SORT)


def parse_sort(value: str) -> tuple[str, bool]:
    descending = value.startswith("-")
    column = value.lstrip("-+")
    if column not in SORT_COLUMNS:
        raise BadRequest(f"sort must be one of {', '.join(SORT_COLUMNS)} (prefix '-' for descending)",
                         errors={"sort": [f"unknown sort key {column!r}"]})
    return column, descending


@dataclass
class EventFilter:
    """WHERE conditions over `events e JOIN locations l`, and the parameters they name.

    Use it as `SELECT ... FROM {f.from_clause} WHERE {f.where}` with `f.params`; add conditions with `add`.
    """

    conditions: list[sql.Composable] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    uses_location: bool = False

    def value(self, value: Any, cast: str) -> sql.Composable:
        """A placeholder for `value`, cast to the SQL type `cast` (a fixed type name from this module)."""
        name = f"f{len(self.params)}"
        self.params[name] = value
        return sql.SQL("{}::{}").format(sql.Placeholder(name), sql.SQL(cast))

    def add(self, template: str, *args: sql.Composable, **kwargs: sql.Composable) -> None:
        self.conditions.append(sql.SQL(template).format(*args, **kwargs))

    @property
    def from_clause(self) -> sql.Composable:
        if self.uses_location:
            return sql.SQL("events e JOIN locations l ON l.id = e.location_id")
        return sql.SQL("events e")

    @property
    def where(self) -> sql.Composable:
        return sql.SQL(" AND ").join(self.conditions or [sql.SQL("true")])


def near_boxes(lat: float, lon: float, radius_km: float) -> list[tuple[float, float, float, float]]:
    """(minLon, minLat, maxLon, maxLat) boxes that together hold the circle: an index-friendly prefilter.

    Two boxes when the circle crosses the antimeridian; every longitude when it reaches a pole.
    """
    angle = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(angle) * 1.000001 + 1e-9
    min_lat, max_lat = lat - dlat, lat + dlat
    if min_lat <= -90 or max_lat >= 90:
        return [(-180.0, max(min_lat, -90.0), 180.0, min(max_lat, 90.0))]
    # the circle's widest longitude span is at latitude asin(sin(lat) / cos(angle)), not at `lat` itself
    dlon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat))))) * 1.000001 + 1e-9
    min_lon, max_lon = lon - dlon, lon + dlon
    if min_lon < -180:
        return [(min_lon + 360, min_lat, 180.0, max_lat), (-180.0, min_lat, max_lon, max_lat)]
    if max_lon > 180:
        return [(min_lon, min_lat, 180.0, max_lat), (-180.0, min_lat, max_lon - 360, max_lat)]
    return [(min_lon, min_lat, max_lon, max_lat)]


def _place_filters(f: EventFilter, args: dict) -> None:
    """Conditions on the location row: they hold for tombstones too (a deleted event keeps its place)."""
    if args.get("country"):
        f.add("l.iso3 = ANY({})", f.value(args["country"], "bpchar[]"))
    if args.get("admin1"):
        f.add("lower(l.admin1) = ANY({})", f.value([v.lower() for v in args["admin1"]], "text[]"))
    if args.get("location"):
        f.add("lower(l.location) = ANY({})", f.value([v.lower() for v in args["location"]], "text[]"))
    if args.get("bbox"):
        min_lon, min_lat, max_lon, max_lat = args["bbox"]
        f.add("point(l.longitude, l.latitude) <@ box(point({}, {}), point({}, {}))",
              f.value(min_lon, "float8"), f.value(min_lat, "float8"), f.value(max_lon, "float8"),
              f.value(max_lat, "float8"))
    if args.get("near"):
        lat, lon = args["near"]
        radius = args["radius_km"]
        boxes = [sql.SQL("point(l.longitude, l.latitude) <@ box(point({}, {}), point({}, {}))").format(
            f.value(b[0], "float8"), f.value(b[1], "float8"), f.value(b[2], "float8"), f.value(b[3], "float8"))
            for b in near_boxes(lat, lon, radius)]
        lat0, lon0 = f.value(lat, "float8"), f.value(lon, "float8")
        # haversine great-circle distance, exact on the rows the boxes let through
        f.add("({boxes}) AND 2 * {r} * asin(least(1.0, sqrt("
              "power(sin(radians(l.latitude - {lat0}) / 2), 2) + "
              "cos(radians({lat0})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - {lon0}) / 2), 2)"
              "))) <= {radius}",
              boxes=sql.SQL(" OR ").join(boxes), r=f.value(EARTH_RADIUS_KM, "float8"), lat0=lat0, lon0=lon0,
              radius=f.value(radius, "float8"))
    if any(args.get(k) for k in ("country", "admin1", "location", "bbox", "near")):
        f.uses_location = True


def date_and_type_filters(f, args: dict, alias: str) -> None:
    """The date range and the types, on `alias`'s event_date, event_type and sub_event_type columns (the events
    table here; the /stats rollups, which have the same columns, in stats/rollups.py)."""
    if args.get("date_from"):
        f.add(alias + ".event_date >= {}", f.value(args["date_from"], "date"))
    if args.get("date_to"):
        f.add(alias + ".event_date <= {}", f.value(args["date_to"], "date"))
    if args.get("event_type"):
        f.add(alias + ".event_type = ANY({})", f.value(args["event_type"], "text[]"))
    if args.get("sub_event_type"):
        f.add(alias + ".sub_event_type = ANY({})", f.value(args["sub_event_type"], "text[]"))
    if args.get("disorder_type"):
        # disorder_type follows from event_type: filter on the indexed column
        types = sorted(t for t, d in DISORDER_TYPE_OF.items() if d in args["disorder_type"])
        f.add(alias + ".event_type = ANY({})", f.value(types, "text[]"))


def _row_filters(f: EventFilter, args: dict) -> None:
    """Conditions on the event row and its place (they still hold for a deleted event)."""
    date_and_type_filters(f, args, "e")
    if args.get("fatalities_min") is not None:
        f.add("e.fatalities >= {}", f.value(args["fatalities_min"], "integer"))
    if args.get("fatalities_max") is not None:
        f.add("e.fatalities <= {}", f.value(args["fatalities_max"], "integer"))
    _place_filters(f, args)
    _review_filter(f, args)


def _review_filter(f: EventFilter, args: dict) -> None:
    """review=pending: the queue of extracted events (they have a confidence) below the threshold that no person has
    reviewed or edited; review=reviewed: confirmed or corrected. The caller puts the configured threshold in
    `review_threshold`. Real, like the column, so that an event at exactly the threshold is not pending."""
    if args.get("review") == "pending":
        f.add("e.review_status = 'unreviewed' AND e.confidence < {}", f.value(args["review_threshold"], "real"))
    elif args.get("review") == "reviewed":
        f.add("e.review_status <> 'unreviewed'")


def _link_filters(f: EventFilter, args: dict) -> None:
    """Conditions on actors, evidence and text: a deleted event has lost its links, so these cannot hold for it."""
    if args.get("actor_ids") is not None:  # the names already resolved (resolve_actor_names)
        f.add("e.id IN (SELECT ea.event_id FROM event_actors ea WHERE ea.actor_id = ANY({}) AND ea.role = ANY({}))",
              f.value(args["actor_ids"], "bigint[]"), f.value(args.get("actor_role") or list(ACTOR_ROLES), "text[]"))
    elif args.get("actor"):
        ids = [v for v in args["actor"] if isinstance(v, int)]
        names = [v.lower() for v in args["actor"] if isinstance(v, str)]
        who = []
        if ids:
            who.append(sql.SQL("a.id = ANY({})").format(f.value(ids, "bigint[]")))
        if names:
            wanted = f.value(names, "text[]")
            who.append(sql.SQL("lower(a.name) = ANY({w}) OR EXISTS "
                               "(SELECT 1 FROM unnest(a.aliases) alias WHERE lower(alias) = ANY({w}))").format(
                w=wanted))
        roles = sql.SQL("")
        if args.get("actor_role"):
            roles = sql.SQL(" AND ea.role = ANY({})").format(f.value(args["actor_role"], "text[]"))
        # the actors' events are collected first (each ARRAY() runs once), then read by id and sorted: the cost
        # follows the actors' event counts. A semi-join on the sort index instead scans most of the table for a
        # rare actor, since the planner cannot know how rare it is.
        f.add("e.id = ANY(ARRAY(SELECT ea.event_id FROM event_actors ea "
              "WHERE ea.actor_id = ANY(ARRAY(SELECT a.id FROM actors a WHERE {who})){roles}))",
              who=sql.SQL(" OR ").join(who), roles=roles)
    if args.get("inter"):
        f.add("e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
              "WHERE ea.role IN ('actor1', 'actor2') AND a.inter = ANY({}))", f.value(args["inter"], "smallint[]"))
    if args.get("q"):
        query = sql.SQL("websearch_to_tsquery({}::regconfig, {})").format(sql.Literal(TEXT_SEARCH_CONFIG),
                                                                          f.value(args["q"], "text"))
        # one stored document per event (notes, place name, actor names: sql/009), or the evidence; the events
        # whose evidence matches are collected first (evidence_tsv's index), so that the planner can OR the two
        f.add("(e.search_tsv @@ {q} OR e.id = ANY(ARRAY(SELECT es.event_id FROM event_sources es "
              "WHERE es.evidence_tsv @@ {q})))", q=query)
    if args.get("article_id"):
        f.add("e.id IN (SELECT es.event_id FROM event_sources es WHERE es.article_id = ANY({}))",
              f.value(args["article_id"], "bigint[]"))


def build_filters(args: dict, *, tombstones: bool = False) -> EventFilter:
    """The conditions for the filter arguments of GET /events (already validated by ListArgsSchema).

    Live events only, unless `tombstones` and `updated_since` are given: then events deleted since then come
    too, when they pass the filters a deleted event still answers (dates, types, place, fatalities).
    """
    f = EventFilter()
    _row_filters(f, args)
    if args.get("updated_since"):
        f.add("e.updated_at >= {}", f.value(args["updated_since"], "timestamptz"))
    links = EventFilter(params=f.params)
    _link_filters(links, args)
    live = sql.SQL(" AND ").join([sql.SQL("e.deleted_at IS NULL"), *links.conditions])
    if tombstones and args.get("updated_since"):
        f.add("(({live}) OR e.deleted_at IS NOT NULL)", live=live)
    else:
        f.conditions.append(live)
    return f


def _after(f: EventFilter, sort: str, cursor: str | None, alias: str = "e", id_column: str = "id") -> None:
    """The keyset condition of a cursor: rows after (sort value, id) in sort order."""
    if cursor:
        column, descending = parse_sort(sort)
        after_value, after_id = cursor_position(cursor, sort, CURSOR_VALUE[SORT_COLUMNS[column]])
        f.add("({a}.{col}, {a}.{id_col}) {op} ({value}, {id})", a=sql.Identifier(alias), col=sql.Identifier(column),
              id_col=sql.Identifier(id_column), op=sql.SQL("<" if descending else ">"),
              value=f.value(after_value, SORT_COLUMNS[column]), id=f.value(after_id, "bigint"))


def _picked(f: EventFilter, sort: str, limit: int | None) -> sql.Composed:
    """The page's (id, sort_value) in sort order, from the base tables."""
    column, descending = parse_sort(sort)
    direction = sql.SQL("DESC" if descending else "ASC")
    return sql.SQL("SELECT e.id, e.{col} AS sort_value FROM {from_} WHERE {where} "
                   "ORDER BY e.{col} {dir}, e.id {dir} {limit}").format(
        col=sql.Identifier(column), from_=f.from_clause, where=f.where, dir=direction,
        limit=sql.SQL("LIMIT {}").format(f.value(limit + 1, "bigint")) if limit is not None else sql.SQL(""))


def _actor_picked(f: EventFilter, args: dict, sort: str, limit: int) -> sql.Composed:
    """The page of an actor query sorted by date, from event_actors' (actor_id, role, event_date, event_id)
    index: each (actor, role) gives its first limit + 1 matching events newest (or oldest) first, and the page is
    the first limit + 1 distinct events of those. The cost follows the page, not the actors' event counts."""
    descending = parse_sort(sort)[1]
    direction = sql.SQL("DESC" if descending else "ASC")
    n = f.value(limit + 1, "bigint")
    return sql.SQL("""SELECT DISTINCT m.event_id AS id, m.event_date AS sort_value
      FROM unnest({ids}) who (actor_id) CROSS JOIN unnest({roles}) r (role)
      CROSS JOIN LATERAL (
          SELECT ea.event_id, ea.event_date FROM event_actors ea JOIN {from_} ON e.id = ea.event_id
          WHERE ea.actor_id = who.actor_id AND ea.role = r.role AND {where}
          ORDER BY ea.event_date {dir}, ea.event_id {dir} LIMIT {n}) m
      ORDER BY m.event_date {dir}, m.event_id {dir} LIMIT {n}""").format(
        ids=f.value(args["actor_ids"], "bigint[]"), roles=f.value(args.get("actor_role") or list(ACTOR_ROLES), "text[]"),
        from_=f.from_clause, where=f.where, dir=direction, n=n)


def _page_query(f: EventFilter, sort: str, cursor: str | None, *, limit: int | None,
                with_sources: bool, picked: sql.Composable | None = None) -> sql.Composed:
    column, descending = parse_sort(sort)
    if picked is None:
        _after(f, sort, cursor)
        picked = _picked(f, sort, limit)
    direction = sql.SQL("DESC" if descending else "ASC")
    sources = sql.SQL("")
    if with_sources:
        sources = sql.SQL(""",
       coalesce((SELECT json_agg(json_build_object(
                    'article_id', s.article_id, 'title', a.title, 'outlet', a.outlet, 'url', a.url,
                    'published', a.published, 'evidence', s.evidence, 'start', s.start_offset,
                    'end', s.end_offset, 'confidence', s.confidence)
                    ORDER BY a.published, s.article_id, s.start_offset)
                 FROM event_sources s JOIN articles a ON a.id = s.article_id WHERE s.event_id = r.id),
                '[]'::json) AS sources""")
    return sql.SQL("""
SELECT r.*{sources}
FROM ({picked}) p
CROSS JOIN LATERAL (SELECT * FROM event_records v WHERE v.id = p.id OFFSET 0) r
ORDER BY p.sort_value {dir}, p.id {dir}""").format(sources=sources, picked=picked, dir=direction)


def list_events(session: Session, args: dict, limit: int, cursor: str | None, *,
                tombstones: bool = True) -> tuple[list[dict], str | None]:
    """One page of event records (and tombstones, with updated_since) in sort order, and the next cursor."""
    sort = effective_sort(args)
    args = resolve_actor_names(session, args)
    if args.get("actor_ids") is not None and parse_sort(sort)[0] == "event_date" and not (
            tombstones and args.get("updated_since")):
        # the actors are the lateral's outer loop: every other filter applies inside it
        f = build_filters({k: v for k, v in args.items() if k not in ("actor", "actor_ids", "actor_role")},
                          tombstones=tombstones)
        _after(f, sort, cursor, "ea", "event_id")
        query = _page_query(f, sort, cursor, limit=limit, with_sources=False,
                            picked=_actor_picked(f, args, sort, limit))
    else:
        f = build_filters(args, tombstones=tombstones)
        query = _page_query(f, sort, cursor, limit=limit, with_sources=False)
    rows = session.all(query, f.params)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        value = rows[-1][parse_sort(sort)[0]]
        next_cursor = encode_cursor({"sort": sort, "after": [
            value.isoformat() if isinstance(value, (date, datetime)) else value, rows[-1]["id"]]})
    return rows, next_cursor


def resolve_actor_names(session: Session, args: dict) -> dict:
    """`args` with `actor_ids`: the ids of the actors that `actor` names (by id, name or alias), looked up first
    so that the page query can plan for exactly those actors."""
    if not args.get("actor"):
        return args
    ids = [v for v in args["actor"] if isinstance(v, int)]
    names = [v.lower() for v in args["actor"] if isinstance(v, str)]
    if names:
        ids += [r["id"] for r in session.all("actor_ids_by_names", {"names": names})]
    return {**args, "actor_ids": sorted(set(ids))}


def count_events(session: Session, args: dict, *, tombstones: bool = True) -> int:
    """How many items walking every page of this query returns."""
    f = build_filters(resolve_actor_names(session, args), tombstones=tombstones)
    return session.one(sql.SQL("SELECT count(*) AS total FROM {} WHERE {}").format(f.from_clause, f.where),
                       f.params)["total"]


def page_items(session: Session, rows: list[dict]) -> list[dict]:
    """Rows as list items: live events with their evidence, deleted ones as tombstones."""
    attach_sources(session, [r for r in rows if r["deleted_at"] is None])
    return [{"id": r["id"], "deleted": True, "updated_at": r["updated_at"]} if r["deleted_at"] is not None else r
            for r in rows]


def export_query(args: dict, cursor: str | None) -> tuple[sql.Composed, dict]:
    """Every live event of the query, in sort order, each with its evidence: for streaming exports.

    Built (and the cursor checked) before the response starts, so that a bad request is still a 400.
    """
    f = build_filters(args)
    return _page_query(f, effective_sort(args), cursor, limit=None, with_sources=True), f.params


def stream_events(session: Session, query: sql.Composed, params: dict) -> Iterator[dict]:
    """The rows of an `export_query`, through a server-side cursor."""
    # a cursor read a fetch at a time gains nothing from JIT compilation, which only delays the first row
    session.execute("SET LOCAL jit = off")
    yield from session.stream(query, params)
