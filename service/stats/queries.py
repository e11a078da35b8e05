"""Counting events by group and period: SQL composed with psycopg.sql from the fixed pieces of this module.

The matching events are those of GET /events (events.listing.build_filters, live events only). In one statement:

    base     one row per (period, group keys): events and fatalities
    ranked   each group numbered by its size over the whole range (events, then fatalities, then its keys)
    buckets  groups beyond `top` folded into number top + 1, "other"
    groups   the groups present, after folding
    periods  every bucket from date_from (else the first event) to date_to (else the last): generate_series
    size     how many rows the answer will have: more than MAX_ROWS is refused before they are built
    answer   periods x groups LEFT JOIN buckets, so that an empty bucket shows 0

When the filters and keys are all columns of a daily rollup (rollups.py, kept exact by the triggers of
sql/008_stats_rollups.sql), `base` reads the rollup instead of the events; the rest of the statement is the same.

Grouping by `actor` joins each event to the distinct actors taking part in it, in any role: an event counts once
per actor, and the actor rows add up to more than the events. Every other key gives each event one group, so that
the rows add up to GET /events's total for the same filters.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from psycopg import sql

from ..db import Session, load_queries
from ..errors import BadRequest
from ..events.listing import EventFilter, build_filters
from .rollups import Rollup, choose_rollup, rollup_filters


@dataclass(frozen=True)
class Dimension:
    expression: str  # over `events e` and the joins below
    joins: str = ""
    uses_location: bool = False  # needs `locations l`, which build_filters joins on demand


DIMENSIONS = {
    "event_type": Dimension("e.event_type"),
    "sub_event_type": Dimension("e.sub_event_type"),
    "disorder_type": Dimension("gt.disorder_type", "JOIN event_types gt ON gt.sub_event_type = e.sub_event_type"),
    "country": Dimension("l.country", uses_location=True),
    "admin1": Dimension("l.admin1", uses_location=True),
    # once per distinct actor: of an actor holding two roles in one event (both sides of an intra-group clash)
    # only the first role joins. An anti-join, so that the planner can hash it for a large result or look up
    # the few events of a narrow filter by index.
    "actor": Dimension("ga.name", "JOIN event_actors gea ON gea.event_id = e.id AND NOT EXISTS ("
                                  "SELECT 1 FROM event_actors dup WHERE dup.event_id = gea.event_id "
                                  "AND dup.actor_id = gea.actor_id AND dup.role < gea.role) "
                                  "JOIN actors ga ON ga.id = gea.actor_id"),
    # event_actors_main_key allows one actor1 per event
    "inter": Dimension("gia.inter", "LEFT JOIN event_actors gi ON gi.event_id = e.id AND gi.role = 'actor1' "
                                    "LEFT JOIN actors gia ON gia.id = gi.actor_id"),
}
GROUP_KEYS = tuple(DIMENSIONS)


@dataclass(frozen=True)
class Source:
    """What `base` reads: the group key expressions, the counts and the event date, over the raw events or a
    rollup."""
    dimensions: dict[str, Dimension]
    measures: str
    event_date: str


RAW = Source(DIMENSIONS, "count(*) AS events, sum(e.fatalities) AS fatalities", "e.event_date")
# the same types as RAW's: count(*) and sum(integer) are bigint, sum(bigint) is numeric
ROLLUP_MEASURES = "coalesce(sum(s.events), 0)::bigint AS events, sum(s.fatalities)::bigint AS fatalities"
# False reads the raw events always (tests compare the two answers)
USE_ROLLUPS = True
# each a date_trunc unit; "1 <unit>" is the generate_series step
INTERVALS = ("day", "week", "month", "year")
TOP_MAX = 1000
# a chart has no use for more; a day series over decades of many groups would otherwise be built in full
MAX_ROWS = 100_000
OTHER = "other"
STATS_TEMPLATE = load_queries(Path(__file__).with_name("queries.sql"))["stats"]


def _groups(keys: list[sql.Identifier], folded: sql.Composed, top_: sql.SQL) -> tuple[sql.Composable, sql.Composable]:
    """The groups of the answer (those past `top` folded into one) and how many there are."""
    if not keys:
        return sql.SQL("SELECT 1::bigint AS grp"), sql.SQL("1")
    groups = sql.SQL("SELECT DISTINCT {folded} AS grp, {keys} FROM ranked").format(
        folded=folded, keys=sql.SQL(", ").join(
            sql.SQL("CASE WHEN grp > {top} THEN NULL ELSE {k} END AS {k}").format(top=top_, k=k) for k in keys))
    # counted from base, not from groups: when there are too many, the ranking is never computed
    group_count = sql.SQL("least((SELECT count(*) FROM (SELECT DISTINCT {} FROM base) present), {} + 1)").format(
        sql.SQL(", ").join(keys), top_)
    return groups, group_count


def _periods(interval: str, group_count: sql.Composable) -> tuple[sql.Composable, sql.Composable, sql.Composable]:
    """The series of periods (every one, empty or not), the rows it spans with the groups, and their count."""
    unit = sql.Literal(interval)
    periods = sql.SQL(""",
periods AS (
    SELECT generate_series(
        date_trunc({unit}, coalesce(%(range_from)s::date, (SELECT min(period) FROM base))::timestamp),
        date_trunc({unit}, coalesce(%(range_to)s::date, (SELECT max(period) FROM base))::timestamp),
        {step}::interval)::date AS period
)""").format(unit=unit, step=sql.Literal(f"1 {interval}"))
    source = sql.SQL("periods p CROSS JOIN groups g LEFT JOIN buckets b ON b.period = p.period AND b.grp = g.grp")
    size = sql.SQL("(SELECT count(*) FROM periods) * {}").format(group_count)
    return periods, source, size


def rollup_source(rollup: Rollup) -> Source:
    return Source({k: Dimension(expr, joins) for k, (expr, joins) in rollup.keys.items()}, ROLLUP_MEASURES,
                  "s.event_date")


def _stats_query(f: EventFilter, group_by: list[str], interval: str | None, top: int | None,
                 origin: Source = RAW) -> sql.Composed:
    keys = [sql.Identifier(f"k{i}") for i in range(len(group_by))]
    key_list = sql.SQL(", ").join(keys)
    dims = [origin.dimensions[name] for name in group_by]
    if any(d.uses_location for d in dims):
        f.uses_location = True
    f.params["top"] = top  # NULL: no folding (least() and > ignore or propagate it)
    top_ = sql.SQL("%(top)s::bigint")
    folded = sql.SQL("least(grp, {} + 1)").format(top_)

    columns = [sql.SQL("{} AS {}").format(sql.SQL(d.expression), k) for d, k in zip(dims, keys)]
    selected = [sql.SQL("g.{k} AS {k}").format(k=k) for k in keys]
    order = [sql.SQL("r.other"), *(sql.SQL("r.{}").format(k) for k in keys)]
    groups, group_count = _groups(keys, folded, top_)
    periods, source, size = sql.SQL(""), sql.SQL("groups g LEFT JOIN buckets b ON b.grp = g.grp"), group_count
    if interval:
        columns.insert(0, sql.SQL("date_trunc({}, {}::timestamp)::date AS period").format(
            sql.Literal(interval), sql.SQL(origin.event_date)))
        selected.append(sql.SQL("p.period"))
        order.insert(0, sql.SQL("r.period"))
        periods, source, size = _periods(interval, group_count)
    grouped = sql.SQL(", ").join(sql.SQL(str(i)) for i in range(1, len(columns) + 1))
    # `size` is known before any row of the answer is built; beyond MAX_ROWS the lateral part never runs (its
    # WHERE is a one-time filter) and the single row that comes back says how many rows there would have been
    return sql.SQL(STATS_TEMPLATE).format(
        columns=sql.SQL(", ").join(columns) if columns else sql.SQL("NULL AS no_keys"),
        measures=sql.SQL(origin.measures),
        from_=f.from_clause, joins=sql.SQL(" ").join(sql.SQL(d.joins) for d in dims), where=f.where,
        group_by=sql.SQL("GROUP BY {}").format(grouped) if columns else sql.SQL(""),
        rank_keys=sql.SQL("").join(sql.SQL(", {}").format(k) for k in keys),
        partition=sql.SQL("PARTITION BY {}").format(key_list) if keys else sql.SQL(""),
        bucket_period=sql.SQL("period,") if interval else sql.SQL(""), folded=folded,
        # by position: `grp` alone would name ranked's column, not the folded number
        bucket_group=sql.SQL("period, 2" if interval else "1"),
        groups=groups, periods=periods, size=size, selected=sql.SQL(", ").join(selected or [sql.SQL("1 AS one")]),
        top=top_, source=source, max_rows=sql.Literal(MAX_ROWS), order=sql.SQL(", ").join(order))


def _filters(args: dict, group_by: list[str], interval: str | None) -> tuple[EventFilter, Source]:
    """The rollup's conditions when one answers the query exactly, else the raw events' (build_filters)."""
    rollup = choose_rollup(args, group_by, interval) if USE_ROLLUPS else None
    if rollup is None:
        return build_filters(args), RAW
    return rollup_filters(rollup, args), rollup_source(rollup)


def event_stats(session: Session, args: dict, group_by: list[str], interval: str | None,
                top: int | None) -> list[dict]:
    """Rows {<group keys>, period, events, fatalities} for the GET /events filters in `args`.

    Folded groups come back with every key "other". More than MAX_ROWS rows is a 400: the caller narrows the
    range, picks a coarser interval or fewer groups.
    """
    f, source = _filters(args, group_by, interval)
    f.params["range_from"], f.params["range_to"] = args.get("date_from"), args.get("date_to")
    # one statement over many rows: JIT compilation costs more than it saves here (seconds, measured)
    session.execute("SET LOCAL jit = off")
    rows = session.all(_stats_query(f, group_by, interval, top, source), f.params)
    if rows and rows[0]["bucket_count"] > MAX_ROWS:
        where = "interval" if interval else "group_by"
        raise BadRequest(f"the answer would have {rows[0]['bucket_count']} rows, more than {MAX_ROWS}: narrow the "
                         "dates, use a coarser interval or top", errors={where: [f"more than {MAX_ROWS} rows"]})
    items = []
    for row in rows:
        if row["events"] is None:  # no group at all: the lateral part matched nothing
            continue
        other = row["other"]
        item = {name: OTHER if other else row[f"k{i}"] for i, name in enumerate(group_by)}
        if interval:
            item["period"] = row["period"]
        item["events"], item["fatalities"] = row["events"], row["fatalities"]
        items.append(item)
    return items
