"""/stats from the daily rollups of sql/008_stats_rollups.sql, when they can answer the query exactly.

The rollups hold, per day, the live events' counts and fatalities by place and sub-event type
(stats_events_daily) and by actor and country (stats_actors_daily); the write path's triggers keep them exact.
A query is answered from one of them only when every filter and every group key is a column of it: then the
rows it gives are those the raw events give (the same zero-filled periods, `top` folding, order and row limit,
since the rest of the statement is the same). Any other filter (free text, places by name or box, fatalities,
actors, review state, ...) or key (inter) reads the raw rows.
"""
from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from ..events.listing import EventFilter, date_and_type_filters


@dataclass(frozen=True)
class Rollup:
    table: str
    filters: frozenset[str]  # the /events filter arguments it answers
    keys: dict[str, tuple[str, str]]  # group key -> (expression over `s`, joins)


EVENTS_ROLLUP = Rollup(
    "stats_events_daily",
    frozenset({"date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "disorder_type"}),
    {"event_type": ("s.event_type", ""), "sub_event_type": ("s.sub_event_type", ""),
     "disorder_type": ("s.disorder_type", ""), "country": ("s.country", ""), "admin1": ("s.admin1", "")})
ACTORS_ROLLUP = Rollup(
    "stats_actors_daily", frozenset({"date_from", "date_to", "country"}),
    {"actor": ("ga.name", "JOIN actors ga ON ga.id = s.actor_id")})
# set by the route for review=pending, meaningless without it
IGNORED = frozenset({"review_threshold"})


def _given(args: dict) -> set[str]:
    """The arguments that constrain the query (an empty list or a None does not)."""
    return {k for k, v in args.items() if k not in IGNORED and v is not None and v != [] and v != ""}


def choose_rollup(args: dict, group_by: list[str]) -> Rollup | None:
    """The rollup that answers these filters and group keys exactly, or None (read the raw events)."""
    given = _given(args)
    for rollup in (EVENTS_ROLLUP, ACTORS_ROLLUP):
        if given <= rollup.filters and all(k in rollup.keys for k in group_by):
            if rollup is ACTORS_ROLLUP and not group_by:
                continue  # without the actor key, the events rollup counts each event once
            return rollup
    return None


@dataclass
class RollupFilter(EventFilter):
    """build_filters' conditions, over a rollup `s` instead of `events e JOIN locations l`."""

    table: str = ""

    @property
    def from_clause(self) -> sql.Composable:
        return sql.SQL("{} s").format(sql.Identifier(self.table))


def rollup_filters(rollup: Rollup, args: dict) -> RollupFilter:
    """The conditions of listing.build_filters for the arguments a rollup answers, on the rollup's columns."""
    f = RollupFilter(table=rollup.table)
    date_and_type_filters(f, args, "s")
    if args.get("country"):
        f.add("s.iso3 = ANY({})", f.value(args["country"], "bpchar[]"))
    if args.get("admin1"):
        f.add("lower(s.admin1) = ANY({})", f.value([v.lower() for v in args["admin1"]], "text[]"))
    return f
