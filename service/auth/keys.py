"""API keys: made and revoked by the `eventsvc keys` commands, checked on every request that needs one.

A key is `evs_` and 43 random URL-safe characters (256 bits). It is printed once; the database keeps its SHA-256
and its first characters (to tell keys apart in `keys list`). Scopes nest: read < write < admin.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from ..db import Session
from ..errors import NotFound, Unprocessable

PREFIX = "evs_"
SCOPES = ("read", "write", "admin")
SHOWN = 12  # characters of a key kept in clear (the prefix and 8 random ones): enough to tell keys apart


@dataclass(frozen=True)
class Caller:
    """Who sent a request: the key's id, name and scope."""

    id: int
    name: str
    scope: str

    def allows(self, needed: str) -> bool:
        return SCOPES.index(self.scope) >= SCOPES.index(needed)


def digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "replace")).digest()


def create_key(session: Session, scope: str, name: str | None = None) -> tuple[dict, str]:
    """A new key of `scope`: its stored row and the key itself (which nothing else will ever show again)."""
    if scope not in SCOPES:
        raise Unprocessable(f"scope must be one of {', '.join(SCOPES)}", errors={"scope": ["unknown scope"]})
    key = PREFIX + secrets.token_urlsafe(32)
    if name and name.strip().isdigit():
        raise Unprocessable("a key's name must not be all digits (those are ids)", errors={"name": ["all digits"]})
    # the default name shows no part of the key: names appear in the history and the logs
    name = " ".join((name or "").split()) or f"{scope}-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    row = session.one("insert_api_key", {"name": name, "scope": scope, "key_hash": digest(key),
                                         "prefix": key[:SHOWN]})
    return row, key


def list_keys(session: Session) -> list[dict]:
    return session.all("api_keys")


def revoke_key(session: Session, ref: str) -> dict:
    """Revoke the live key with this name (or id); requests with it get a 401 from now on."""
    row = session.one("revoke_api_key", {"ref": ref, "by_id": ref.isdigit()})
    if row is None:
        raise NotFound(f"no live key named {ref!r}")
    return row


def has_admin_key(session: Session) -> bool:
    return session.one("live_admin_keys")["n"] > 0


def authenticate(session: Session, key: str) -> Caller | None:
    """The live key's caller, or None for an unknown or revoked key."""
    if not key.startswith(PREFIX) or len(key) > 200:
        return None
    row = session.one("api_key_by_hash", {"key_hash": digest(key)})
    if row is None:
        return None
    if row["stale_use"]:
        session.execute("touch_api_key", {"id": row["id"]})
    return Caller(row["id"], row["name"], row["scope"])


def count_write(session: Session, caller: Caller, per_minute: int) -> int | None:
    """Count one write against the key's minute; the seconds to wait when the limit is passed, else None."""
    if per_minute <= 0:
        return None
    row = session.one("count_write", {"id": caller.id})
    if row["writes"] == 1:
        session.execute("forget_old_windows", {"id": caller.id})
    if row["writes"] > per_minute:
        return max(1, row["seconds_left"])
    return None
