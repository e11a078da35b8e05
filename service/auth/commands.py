"""`eventsvc keys create|list|revoke`, and the admin key `eventsvc up` makes on first start."""
from __future__ import annotations

from contextlib import contextmanager

from ..db import Database
from ..errors import ServiceError
from . import QUERIES
from .keys import create_key, has_admin_key, list_keys, revoke_key


@contextmanager
def _session(url: str):
    database = Database(url, min_size=1, max_size=1, queries=dict(QUERIES))
    try:
        with database.session() as s:
            yield s
    finally:
        database.close()


def _line(row: dict) -> str:
    state = f"revoked {row['revoked_at']:%Y-%m-%d %H:%M}" if row["revoked_at"] else "live"
    used = f"{row['last_used_at']:%Y-%m-%d %H:%M}" if row["last_used_at"] else "never"
    return f"{row['id']:>4}  {row['name']:<32} {row['scope']:<6} {row['prefix']}…  {state:<22} last used {used}"


def keys_create(url: str, scope: str, name: str | None) -> int:
    """Prints the new key once, on the last line (scripts take `| tail -n1`)."""
    try:
        with _session(url) as s:
            row, key = create_key(s, scope, name)
    except ServiceError as exc:
        print(f"eventsvc keys create: {exc.detail}")
        return 1
    print(f"created {row['scope']} key {row['name']!r} (id {row['id']}); it is shown once, store it now:")
    print(key)
    return 0


def keys_list(url: str) -> int:
    with _session(url) as s:
        rows = list_keys(s)
    print("\n".join(_line(row) for row in rows) if rows else "no keys yet: `eventsvc keys create --scope admin`")
    return 0


def keys_revoke(url: str, ref: str) -> int:
    try:
        with _session(url) as s:
            row = revoke_key(s, ref)
    except ServiceError as exc:
        print(f"eventsvc keys revoke: {exc.detail}")
        return 1
    print(f"revoked {row['scope']} key {row['name']!r} (id {row['id']})")
    return 0


def first_admin_key(url: str) -> str | None:
    """A new admin key when the database has no live one (a first `eventsvc up`), else None."""
    with _session(url) as s:
        if has_admin_key(s):
            return None
        _, key = create_key(s, "admin", None)
    return key
