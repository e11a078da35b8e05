"""The audit trail of an event: every change, written by the transaction that makes it.

Each entry names what happened (create, update, delete, review), why (an API request, an article being stored,
a review), who (the API key's name once keys exist; None until then), and the fields that changed, each as
{"before": ..., "after": ...}. Only the write path of this package and of the article loader write entries, always
through `record`, so that one place decides what an entry holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from psycopg.types.json import Jsonb

from ..db import Session

# the fields of an event whose changes are kept (the flat record, less what follows from them)
TRACKED = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1", "assoc_actor_1",
           "actor2", "inter2", "assoc_actor_2", "civilian_targeting", "iso3", "country", "admin1", "admin2",
           "location", "latitude", "longitude", "geo_precision", "fatalities", "notes", "confidence",
           "review_status")


@dataclass(frozen=True)
class Cause:
    """Why an event changes: `api` (a request to /events), `article` (storing that article), `review`."""

    kind: str
    article_id: int | None = None
    who: str | None = None


API = Cause("api")


def _plain(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def diff(before: dict | None, after: dict | None) -> dict:
    """{field: {"before", "after"}} for the tracked fields that differ; a missing record counts as all None."""
    before, after = before or {}, after or {}
    return {name: {"before": _plain(before.get(name)), "after": _plain(after.get(name))}
            for name in TRACKED if before.get(name) != after.get(name)}


def snapshot(session: Session, event_id: int) -> dict:
    """The tracked fields of a live event as they are now in this transaction."""
    record = session.one_or_404("event_record", {"id": event_id}, what="event")
    return {name: record.get(name) for name in TRACKED}


def record(session: Session, event_id: int, action: str, cause: Cause, changes: dict) -> None:
    session.execute("insert_event_history", {
        "event_id": event_id, "action": action, "cause": cause.kind, "article_id": cause.article_id,
        "who": cause.who, "changes": Jsonb(changes)})


def event_history(session: Session, event_id: int) -> list[dict]:
    """Every entry of an event, oldest first; the event may be deleted, but it must have existed."""
    session.one_or_404("event_ever_existed", {"id": event_id}, what="event")
    return session.all("event_history", {"id": event_id})
