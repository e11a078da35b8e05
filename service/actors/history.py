"""The audit trail of an actor, as events/history.py keeps the events': every create, update and delete, with
why (an API request, or the article whose coding named a new actor), who (the API key's name) and the fields
before and after, written by the transaction that makes the change. A deleted actor keeps its history."""
from __future__ import annotations

from psycopg.types.json import Jsonb

from ..db import Session
from ..events.history import Cause

TRACKED = ("name", "aliases", "inter", "iso3")


def diff(before: dict | None, after: dict | None) -> dict:
    before, after = before or {}, after or {}
    return {name: {"before": before.get(name), "after": after.get(name)}
            for name in TRACKED if before.get(name) != after.get(name)}


def snapshot(session: Session, actor_id: int) -> dict:
    row = session.one_or_404("actor_tracked", {"id": actor_id}, what="actor")
    return {name: row[name] for name in TRACKED}


def record(session: Session, actor_id: int, action: str, cause: Cause, changes: dict) -> None:
    session.execute("insert_actor_history", {
        "actor_id": actor_id, "action": action, "cause": cause.kind, "article_id": cause.article_id,
        "who": cause.who, "changes": Jsonb(changes)})


def actor_history(session: Session, actor_id: int) -> list[dict]:
    """Every entry of an actor, oldest first; the actor may be deleted, but it must have existed."""
    rows = session.all("actor_history", {"id": actor_id})
    if not rows:
        session.one_or_404("actor_exists", {"id": actor_id}, what="actor")
    return rows
