"""Actors: who acts in events. Canonical names are unique case-insensitively."""
from __future__ import annotations

from ..db import Session
from ..events.history import API, Cause
from ..vocab import actors as dictionary
from ..errors import Conflict, PreconditionFailed, Unprocessable
from . import history


def resolve_actor(session: Session, name: str, inter: int | None = None, iso3: str | None = None,
                  field: str = "actor1", *, known_only: bool = False, cause: Cause = API) -> int:
    """The id of the actor called `name`, created when unknown.

    A new actor's inter code comes from the request (inter1/inter2), else from the shipped actor
    dictionary; an unknown name with neither is a 422, since the code cannot be guessed. With `known_only`
    (associated actors, which have no inter field of their own) the name must be in the database or the
    dictionary, whose inter code it then takes.
    """
    name = " ".join(name.split())
    if not name:
        raise Unprocessable(f"{field} must not be blank", errors={field: ["must not be blank"]})
    row = session.one("actor_by_name", {"name": name})
    if row:
        return row["id"]
    aliases: list[str] = []
    entry = dictionary.canonical(name)
    if entry is not None and entry.name.lower() == name.lower():
        # a dictionary actor arrives with its code, home country and aliases (so /actors?q finds "ISIS")
        inter = entry.inter if known_only else inter or entry.inter
        iso3 = iso3 or entry.iso3
        aliases = list(entry.aliases)
    elif known_only:
        raise Unprocessable(
            f"actor {name!r} in {field} is not known yet; create it first with POST /actors (name and inter code)",
            errors={field: [f"unknown actor {name!r}: create it first with POST /actors"]})
    if inter is None:
        inter_field = {"actor1": "inter1", "actor2": "inter2"}[field]
        raise Unprocessable(
            f"actor {name!r} is not known yet; give its inter code (1-8) in {inter_field} to create it",
            errors={inter_field: [f"required to create actor {name!r}"]})
    row = session.one("insert_actor_if_new", {"name": name, "aliases": aliases, "inter": inter, "iso3": iso3})
    if row["created"]:
        history.record(session, row["id"], "create", cause, history.diff(None, history.snapshot(session, row["id"])))
    return row["id"]


def get_actor(session: Session, actor_id: int) -> dict:
    return session.one_or_404("actor_record", {"id": actor_id}, what="actor")


def create_actor(session: Session, data: dict, *, cause: Cause = API) -> int:
    actor_id = session.one("insert_actor", {
        "name": " ".join(data["name"].split()), "aliases": data.get("aliases") or [],
        "inter": data["inter"], "iso3": data.get("iso3")})["id"]
    history.record(session, actor_id, "create", cause, history.diff(None, history.snapshot(session, actor_id)))
    return actor_id


def _check_version(row: dict, if_match: int | None) -> None:
    if if_match is not None and row["version"] != if_match:
        raise PreconditionFailed(f"the actor is at version {row['version']}, not {if_match}")


def update_actor(session: Session, actor_id: int, data: dict, *, partial: bool, if_match: int | None = None,
                 cause: Cause = API) -> None:
    locked = session.one_or_404("actor_for_update", {"id": actor_id}, what="actor")
    _check_version(locked, if_match)
    current = get_actor(session, actor_id)
    merged = {k: current[k] for k in ("name", "aliases", "inter", "iso3")} if partial else {"aliases": [], "iso3": None}
    merged.update(data)
    merged["name"] = " ".join(merged["name"].split())
    before = history.snapshot(session, actor_id)
    session.execute("update_actor", {**merged, "id": actor_id})
    if merged["name"] != current["name"] or merged["inter"] != current["inter"]:
        session.execute("touch_actor_events", {"id": actor_id})
    if merged["name"] != current["name"]:
        session.execute("refresh_actor_event_search", {"id": actor_id})
    history.record(session, actor_id, "update", cause, history.diff(before, history.snapshot(session, actor_id)))


def delete_actor(session: Session, actor_id: int, *, if_match: int | None = None, cause: Cause = API) -> None:
    _check_version(session.one_or_404("actor_for_update", {"id": actor_id}, what="actor"), if_match)
    used = session.one("actor_in_use", {"id": actor_id})["n"]
    if used:
        raise Conflict(f"the actor is used by {used} event(s); reassign or delete them first",
                       errors={"actor": [f"used by {used} event(s)"]})
    before = history.snapshot(session, actor_id)
    session.execute("delete_actor", {"id": actor_id})
    history.record(session, actor_id, "delete", cause, history.diff(before, None))
