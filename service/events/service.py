"""Events: create, read, replace, patch, review, delete (tombstone) — one transaction each, given by the caller.

Every write records its entry in the event's history (history.py) in the same transaction.
"""
from __future__ import annotations

from ..actors.service import resolve_actor
from ..db import Session
from ..errors import Conflict, PreconditionFailed, Unprocessable
from ..extraction.records import dedup_key as incident_key
from ..places import upsert_location
from ..taxonomy import EVENT_TYPE_OF
from . import history
from .history import API, Cause
from .schemas import split_names

VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"

PLACE_FIELDS = ("iso3", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
WRITABLE = ("event_date", "time_precision", "event_type", "sub_event_type", *PLACE_FIELDS, "actor1",
            "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "fatalities", "notes")


def _link_actors(session: Session, event_id: int, data: dict, cause: Cause) -> None:
    session.execute("clear_event_actors", {"id": event_id})
    for role, inter_key in (("actor1", "inter1"), ("actor2", "inter2")):
        if data.get(role):
            actor_id = resolve_actor(session, data[role], data.get(inter_key), None, field=role, cause=cause)
            session.execute("link_event_actor", {"event_id": event_id, "actor_id": actor_id, "role": role})
    for role in ("assoc_actor_1", "assoc_actor_2"):
        for name in split_names(data.get(role)):
            # inter1/inter2 code the main actors; an associated actor has its own, so it must be known already
            actor_id = resolve_actor(session, name, field=role, known_only=True, cause=cause)
            session.execute("link_event_actor", {"event_id": event_id, "actor_id": actor_id, "role": role})


def _columns(session: Session, data: dict) -> dict:
    sub = data["sub_event_type"]
    event_type = data.get("event_type") or EVENT_TYPE_OF[sub]
    if EVENT_TYPE_OF[sub] != event_type:
        raise Unprocessable(f"'{sub}' is not a sub-type of '{event_type}'",
                            errors={"sub_event_type": [f"not a sub-type of {event_type}"]})
    return {
        "event_date": data["event_date"], "time_precision": data.get("time_precision") or 1,
        "event_type": event_type, "sub_event_type": sub,
        "location_id": upsert_location(session, data),
        "fatalities": data.get("fatalities") or 0,
        "civilian_targeting": _civilian_targeting(data.get("civilian_targeting"), event_type),
        "notes": data.get("notes"),
    }


def _civilian_targeting(given: bool | None, event_type: str) -> bool:
    """ACLED marks every Violence against civilians event as civilian targeting; say so when the client did not."""
    return event_type == VIOLENCE_AGAINST_CIVILIANS if given is None else bool(given)


def dedup_key_text(key) -> str:
    return "|".join("" if part is None else str(part) for part in key)


def refresh_search(session: Session, event_ids: list[int]) -> None:
    """Recompute the stored search documents of these events (sql/009): once per write, after their notes and
    actors are written."""
    if event_ids:
        session.one("refresh_event_search", {"ids": sorted(set(event_ids))})


def create_event(session: Session, data: dict, *, dedup_key: str | None = None, confidence: float | None = None,
                 cause: Cause = API) -> int:
    """A new event; `dedup_key` and `confidence` are the extractor's (None for an event a person creates: its
    key is then computed from the stored record, and an incident already recorded is a 409)."""
    event_id = session.one("insert_event", {**_columns(session, data), "dedup_key": dedup_key,
                                            "confidence": confidence})["id"]
    _link_actors(session, event_id, data, cause)
    refresh_search(session, [event_id])
    created = history.snapshot(session, event_id)
    if dedup_key is None:
        _claim_incident(session, event_id, created)
    history.record(session, event_id, "create", cause, history.diff(None, created))
    return event_id


def _claim_incident(session: Session, event_id: int, record: dict) -> None:
    """The same day, place, type and actors as a live event is the same incident: a 409 that points at it.

    A deleted event's incident may be recorded again by a person; the tombstone gives up its key.
    """
    key = dedup_key_text(incident_key(record))
    session.one("lock_dedup_key", {"dedup_key": key})
    found = session.one("event_by_dedup_key", {"dedup_key": key})
    if found and not found["deleted_at"]:
        raise Conflict(f"this incident is already recorded as event {found['id']}; change that one instead",
                       errors={"event": [f"same incident as event {found['id']}"]},
                       headers={"Location": f"/events/{found['id']}"}, extra={"existing_event": found["id"]})
    if found:
        session.execute("release_dedup_key", {"id": found["id"]})
    session.execute("set_dedup_key", {"id": event_id, "dedup_key": key})


def get_event(session: Session, event_id: int) -> dict:
    record = session.one_or_404("event_record", {"id": event_id}, what="event")
    return attach_sources(session, [record])[0]


def attach_sources(session: Session, records: list[dict]) -> list[dict]:
    if not records:
        return records
    by_event: dict[int, list] = {r["id"]: [] for r in records}
    for src in session.all("event_sources", {"ids": list(by_event)}):
        by_event[src.pop("event_id")].append(src)
    for record in records:
        record["sources"] = by_event[record["id"]]
        record["timestamp"] = int(record["updated_at"].timestamp())
    return records


def _lock(session: Session, event_id: int, if_match: int | None) -> None:
    row = session.one_or_404("event_for_update", {"id": event_id}, what="event")
    if if_match is not None and row["version"] != if_match:
        raise PreconditionFailed(f"the event is at version {row['version']}, not {if_match}; re-read it and retry")


def replace_event(session: Session, event_id: int, data: dict, *, if_match: int | None = None,
                  cause: Cause = API) -> None:
    _lock(session, event_id, if_match)
    before = history.snapshot(session, event_id)
    session.execute("update_event", {**_columns(session, data), "id": event_id})
    _link_actors(session, event_id, data, cause)
    refresh_search(session, [event_id])
    history.record(session, event_id, "update", cause, history.diff(before, history.snapshot(session, event_id)))


def patch_event(session: Session, event_id: int, changes: dict, *, if_match: int | None = None,
                cause: Cause = API) -> None:
    """Apply the given fields over the stored record; derived fields follow what changed."""
    _lock(session, event_id, if_match)
    before = history.snapshot(session, event_id)
    _apply_changes(session, event_id, changes, cause)
    history.record(session, event_id, "update", cause, history.diff(before, history.snapshot(session, event_id)))


def _apply_changes(session: Session, event_id: int, changes: dict, cause: Cause) -> None:
    """The fields of PATCH (or of a correcting review) written over the locked event's stored record."""
    current = session.one_or_404("event_record", {"id": event_id}, what="event")
    merged = {k: current.get(k) for k in WRITABLE}
    if "sub_event_type" in changes and "event_type" not in changes:
        merged.pop("event_type")
    if ("iso3" in changes) != ("country" in changes):
        merged.pop("country" if "iso3" in changes else "iso3")
    if any(k in changes for k in ("iso3", "country", "admin1", "admin2", "location")) and \
            "latitude" not in changes:
        merged["latitude"] = merged["longitude"] = None  # a new place does not keep the old one's coordinates
    merged.update(changes)
    if not merged.get("actor1"):
        raise Unprocessable("actor1 cannot be removed", errors={"actor1": ["required"]})
    session.execute("update_event", {**_columns(session, merged), "id": event_id})
    _link_actors(session, event_id, merged, cause)
    refresh_search(session, [event_id])


def review_event(session: Session, event_id: int, status: str, changes: dict | None = None, *,
                 if_match: int | None = None, who: str | None = None) -> None:
    """A person's verdict: `confirmed` keeps the event as it is; `corrected` applies `changes` as PATCH does.

    Either way the event is reviewed from now on: out of the review queue, and left alone by article reloads.
    """
    _lock(session, event_id, if_match)
    before = history.snapshot(session, event_id)
    if status == "corrected":
        _apply_changes(session, event_id, changes or {}, Cause("review", who=who))
    else:
        session.execute("confirm_event", {"id": event_id})
    after = history.snapshot(session, event_id)
    history.record(session, event_id, "review", Cause("review", who=who), history.diff(before, after))


def delete_event(session: Session, event_id: int, *, if_match: int | None = None, cause: Cause = API) -> None:
    _lock(session, event_id, if_match)
    session.one_or_404("tombstone_event", {"id": event_id}, what="event")
    session.execute("drop_event_links", {"id": event_id})
    history.record(session, event_id, "delete", cause, DELETED)


DELETED = {"deleted": {"before": False, "after": True}}
