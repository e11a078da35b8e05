"""Bulk mode for large imports: set the tables' secondary indexes, foreign keys and rollup triggers aside, load,
rebuild.

Maintaining ten indexes and checking two foreign keys row by row costs several times what the rows themselves
cost; building each index once with a sort, and checking each foreign key once with a join, costs little. The
definitions come from the catalog and are restored in the same transaction, so a failed import leaves the
schema as it was. The price: dropping an index locks its table, so reads wait until the import
commits. The /stats rollups (sql/008) are kept by statement triggers that cost about a third of a large load:
bulk mode turns them off and rebuilds both rollups from every live event at the end, in the same transaction
(bulk mode is chosen when the file is at least as large as what is stored, so the rebuild reads at most twice
the file's rows). Used when a file brings at least BULK_MIN_ROWS rows and at least as many as the database holds (a
first load, or one that doubles it); `--bulk` / `--no-bulk` decide otherwise.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ..db import Session, sql

TABLES = ["events", "event_actors", "event_history", "stats_events_daily", "stats_actors_daily"]
BULK_MIN_ROWS = 10_000


def wanted(session: Session, rows: int, choice: bool | None) -> bool:
    if choice is not None:
        return choice
    return rows >= BULK_MIN_ROWS and rows >= session.one("live_event_count")["n"]


@contextmanager
def indexes_set_aside(session: Session) -> Iterator[None]:
    session.execute("lock_for_bulk")
    indexes = session.all("secondary_indexes", {"tables": TABLES})
    foreign_keys = session.all("foreign_keys", {"tables": TABLES})
    for fk in foreign_keys:
        session.execute(sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
            sql.Identifier(fk["table_name"]), sql.Identifier(fk["name"])))
    for index in indexes:
        session.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(index["name"])))
    triggers = session.all("rollup_triggers")
    _switch(session, triggers, "DISABLE")
    yield
    session.execute("clear_rollups")
    session.execute("rebuild_events_rollup")
    session.execute("rebuild_actors_rollup")
    for name in ("rebuild_monthly_rollup", "rebuild_yearly_rollup", "rebuild_types_rollup",
                 "rebuild_actors_yearly_rollup"):
        session.execute(name)
    _switch(session, triggers, "ENABLE")
    session.one("bulk_memory")
    for index in indexes:
        session.execute(sql.SQL(index["definition"]))
    for fk in foreign_keys:
        session.execute(sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
            sql.Identifier(fk["table_name"]), sql.Identifier(fk["name"]), sql.SQL(fk["definition"])))
    session.execute("analyze_imported")


def _switch(session: Session, triggers: list[dict], state: str) -> None:
    for trigger in triggers:
        session.execute(sql.SQL("ALTER TABLE {} {} TRIGGER {}").format(
            sql.Identifier(trigger["table_name"]), sql.SQL(state), sql.Identifier(trigger["name"])))
