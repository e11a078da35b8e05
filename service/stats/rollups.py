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
from datetime import timedelta

from psycopg import sql

from ..db import Session
from ..events.listing import EventFilter, date_and_type_filters


@dataclass(frozen=True)
class Rollup:
    table: str
    filters: frozenset[str]  # the /events filter arguments it answers
    keys: dict[str, tuple[str, str]]  # group key -> (expression over `s`, joins)
    grain: str = "day"  # its rows' event_date is the first day of their day, month or year


TYPE_KEYS = {"event_type": ("s.event_type", ""), "sub_event_type": ("s.sub_event_type", ""),
             "disorder_type": ("s.disorder_type", ""), "country": ("s.country", "")}
TYPE_FILTERS = frozenset({"date_from", "date_to", "country", "event_type", "sub_event_type", "disorder_type"})
EVENTS_ROLLUP = Rollup("stats_events_daily", TYPE_FILTERS | {"admin1"}, {**TYPE_KEYS, "admin1": ("s.admin1", "")})
# sql/009: the same without admin1, per month and per year
EVENTS_MONTHLY = Rollup("stats_events_monthly", TYPE_FILTERS, TYPE_KEYS, "month")
EVENTS_YEARLY = Rollup("stats_events_yearly", TYPE_FILTERS, TYPE_KEYS, "year")
# and per month over every country: the world's series by type
TYPES_MONTHLY = Rollup("stats_types_monthly", TYPE_FILTERS - {"country"},
                       {k: v for k, v in TYPE_KEYS.items() if k != "country"}, "month")
ACTOR_KEYS = {"actor": ("ga.name", "JOIN actors ga ON ga.id = s.actor_id")}
ACTORS_ROLLUP = Rollup("stats_actors_daily", frozenset({"date_from", "date_to", "country"}), ACTOR_KEYS)
ACTORS_YEARLY = Rollup("stats_actors_yearly", frozenset({"date_from", "date_to"}), ACTOR_KEYS, "year")
# smallest first: the first that answers a query is the one that reads the fewest rows
ROLLUPS = (TYPES_MONTHLY, EVENTS_YEARLY, EVENTS_MONTHLY, EVENTS_ROLLUP, ACTORS_YEARLY, ACTORS_ROLLUP)
# the intervals each grain can give: a period of the interval is a whole number of the rollup's periods
INTERVALS_OF = {"day": {None, "day", "week", "month", "year"}, "month": {None, "month", "year"}, "year": {None, "year"}}
# set by the route for review=pending, meaningless without it; the order of a page does not change a count
IGNORED = frozenset({"review_threshold", "sort"})


def _given(args: dict) -> set[str]:
    """The arguments that constrain the query (an empty list or a None does not)."""
    return {k for k, v in args.items() if k not in IGNORED and v is not None and v != [] and v != ""}


def _aligned(args: dict, grain: str) -> bool:
    """Whether the date range starts and ends on the rollup's period boundaries (or is open)."""
    if grain == "day":
        return True
    start, end = args.get("date_from"), args.get("date_to")
    if start and (start.day != 1 or (grain == "year" and start.month != 1)):
        return False
    if end:
        following = end + timedelta(days=1)
        if following.day != 1 or (grain == "year" and following.month != 1):
            return False
    return True


def choose_rollup(args: dict, group_by: list[str], interval: str | None = None) -> Rollup | None:
    """The coarsest rollup that answers these filters, group keys and interval exactly, or None (read the raw
    events)."""
    given = _given(args)
    for rollup in ROLLUPS:
        if given <= rollup.filters and all(k in rollup.keys for k in group_by) and \
                interval in INTERVALS_OF[rollup.grain] and _aligned(args, rollup.grain):
            if "actor" in rollup.keys and not group_by:
                continue  # without the actor key, the events rollup counts each event once
            return rollup
    return None


def rollup_total(session: Session, args: dict) -> int | None:
    """How many live events match, from a rollup when one answers the filters (else None): with_total."""
    rollup = choose_rollup(args, [])
    if rollup is None:
        return None
    f = rollup_filters(rollup, args)
    return session.one(sql.SQL("SELECT coalesce(sum(s.events), 0)::bigint AS total FROM {} WHERE {}").format(
        f.from_clause, f.where), f.params)["total"]


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
