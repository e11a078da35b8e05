"""The one door to PostgreSQL.

Owns the connection pool, runs named queries loaded from `.sql` files, applies migrations, and
turns psycopg errors into the service's own errors by SQLSTATE (never by parsing message text).
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import psycopg
from psycopg import errors as pg_errors, sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from .errors import Conflict, NotFound, Unavailable, Unprocessable

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(os.environ.get("EVENTSVC_SQL_DIR") or Path(__file__).resolve().parent.parent / "sql")
# any fixed 64-bit number: all `eventsvc migrate` processes serialize on it
MIGRATION_LOCK_ID = 4_206_911_201

_NAME_RE = re.compile(r"^--\s*name:\s*(?P<name>[\w.]+)\s*--\s*$", re.M)


def load_queries(path: str | Path) -> dict[str, str]:
    """Parse a `.sql` file of `-- name: NAME --` blocks into {NAME: SQL}.

    The line after the name is the query's one-line description (a comment); the rest up to the
    next name is the statement, with `%(param)s` placeholders.
    """
    text = Path(path).read_text(encoding="utf-8")
    queries: dict[str, str] = {}
    matches = list(_NAME_RE.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end():end].strip()
        queries[match["name"]] = body.rstrip().rstrip(";")
    return queries


# --- errors -----------------------------------------------------------------------------------

_CONSTRAINT_MESSAGES = {
    "actors_name_key": ("name", "an actor with this name already exists"),
    "locations_place_key": ("location", "this place already exists"),
    "articles_source_key_key": ("url", "an article with this URL already exists"),
    "events_dedup_key_key": ("event", "this incident is already recorded"),
    "event_actors_actor_id_fkey": ("actor", "the actor is used by events"),
    "events_type_fkey": ("sub_event_type", "sub_event_type does not belong to event_type"),
    "locations_coordinates_paired": ("latitude", "latitude and longitude go together"),
}


def _field_of(constraint: str | None, table: str | None, column: str | None) -> str:
    """The client-facing field a constraint guards; PostgreSQL names column CHECKs `<table>_<column>_check`.

    Constraint names are internal: they never become field names or text in a response.
    """
    if column:
        return column
    if constraint and table and constraint.startswith(table + "_") and constraint.endswith("_check"):
        return constraint[len(table) + 1:-len("_check")]
    return "_schema"


def translate(exc: psycopg.Error) -> Exception:
    """A psycopg error as a domain error (conflict 409, invalid 422, unavailable 503)."""
    diag = getattr(exc, "diag", None)
    constraint = getattr(diag, "constraint_name", None) if diag else None
    column = getattr(diag, "column_name", None) if diag else None
    table = getattr(diag, "table_name", None) if diag else None
    field, message = _CONSTRAINT_MESSAGES.get(constraint or "", (_field_of(constraint, table, column), None))
    if isinstance(exc, (pg_errors.UniqueViolation, pg_errors.ExclusionViolation)):
        return Conflict(message or "the record conflicts with an existing one", errors={field: [message or "duplicate"]})
    # ON DELETE RESTRICT reports 23001 restrict_violation, not 23503 foreign_key_violation
    if isinstance(exc, (pg_errors.ForeignKeyViolation, pg_errors.RestrictViolation)):
        return Conflict(message or "the record is referenced by, or references, another record",
                        errors={field: [message or "reference conflict"]})
    if isinstance(exc, (pg_errors.CheckViolation, pg_errors.NotNullViolation)):
        return Unprocessable(message or f"a value is not allowed: {field}",
                             errors={field: [message or "invalid value"]})
    if isinstance(exc, psycopg.DataError):
        return Unprocessable("a value is out of range or of the wrong type", errors={"_schema": ["invalid value"]})
    if isinstance(exc, (pg_errors.QueryCanceled,)):
        return Unavailable("the query took too long and was cancelled", headers={"Retry-After": "5"})
    if isinstance(exc, psycopg.OperationalError):
        return Unavailable("the database is unreachable", headers={"Retry-After": "5"})
    return exc


@contextlib.contextmanager
def translated() -> Iterator[None]:
    try:
        yield
    except PoolTimeout as exc:
        raise Unavailable("no database connection is free; try again", headers={"Retry-After": "2"}) from exc
    except psycopg.Error as exc:
        domain = translate(exc)
        if domain is exc:
            raise
        raise domain from exc


# --- sessions ---------------------------------------------------------------------------------

@dataclass
class Session:
    """One connection inside one transaction; named queries or composed SQL in, dict rows out."""

    conn: psycopg.Connection
    queries: dict[str, str]

    def _q(self, query):
        if isinstance(query, str) and query in self.queries:
            return self.queries[query]
        return query

    def one(self, query, params: Any = None) -> dict | None:
        with translated():
            return self.conn.execute(self._q(query), params).fetchone()

    def one_or_404(self, query, params: Any = None, what: str = "record") -> dict:
        row = self.one(query, params)
        if row is None:
            raise NotFound(f"no such {what}")
        return row

    def all(self, query, params: Any = None) -> list[dict]:
        with translated():
            return self.conn.execute(self._q(query), params).fetchall()

    def execute(self, query, params: Any = None) -> int:
        with translated():
            return self.conn.execute(self._q(query), params).rowcount

    def stream(self, query, params: Any = None, size: int = 2000) -> Iterator[dict]:
        """Rows of a large result through a server-side cursor, in flat memory."""
        with translated():
            with self.conn.cursor(name="stream", row_factory=dict_row) as cur:
                cur.itersize = size
                cur.execute(self._q(query), params)
                yield from cur

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        with translated():
            with self.conn.transaction():
                yield


class Database:
    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 10, timeout: float = 10,
                 statement_timeout_ms: int = 30000, queries: dict[str, str] | None = None):
        self.url = url
        self.queries = queries or {}
        self._opened = False
        self._open_lock = threading.Lock()
        options = f"-c statement_timeout={int(statement_timeout_ms)}"
        self.pool = ConnectionPool(
            url, min_size=min_size, max_size=max_size, timeout=timeout, open=False,
            kwargs={"row_factory": dict_row, "options": options, "application_name": "eventsvc"},
        )

    def open(self) -> None:
        """Start the pool; called on first use so that building an app never needs the database."""
        with self._open_lock:
            if not self._opened:
                self.pool.open(wait=False)
                self._opened = True

    def close(self) -> None:
        if self._opened:
            self.pool.close()

    def add_queries(self, queries: dict[str, str]) -> None:
        clash = set(queries) & set(self.queries)
        if clash:
            raise ValueError(f"query names defined twice: {sorted(clash)}")
        self.queries.update(queries)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A connection in one transaction: committed on success, rolled back on any error."""
        self.open()
        with translated():
            with self.pool.connection() as conn:
                with conn.transaction():
                    yield Session(conn, self.queries)


# --- migrations -------------------------------------------------------------------------------

MIGRATION_FILE_RE = re.compile(r"^(\d{3,})_[\w-]+\.sql$")


def migration_files(directory: Path = MIGRATIONS_DIR) -> list[tuple[str, Path]]:
    files = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_FILE_RE.match(path.name)
        if match:
            files.append((path.stem, path))
    return files


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migrate(url: str, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply pending forward-only migrations; returns the versions applied (empty when current).

    Safe to run concurrently: all runs take the same advisory lock, and each migration is applied in
    its own transaction together with its `schema_migrations` row.
    """
    applied_now: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_ID,))
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version text PRIMARY KEY, checksum text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            done = {row[0]: row[1] for row in conn.execute("SELECT version, checksum FROM schema_migrations")}
            for version, path in migration_files(directory):
                if version in done:
                    if done[version] != _checksum(path):
                        log.warning("migration %s changed after it was applied; migrations are forward-only", version)
                    continue
                with conn.transaction():
                    conn.execute(path.read_text(encoding="utf-8"))
                    conn.execute("INSERT INTO schema_migrations (version, checksum) VALUES (%s, %s)",
                                 (version, _checksum(path)))
                applied_now.append(version)
                log.info("applied migration %s", version)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_ID,))
    return applied_now


def pending_migrations(session: Session, directory: Path = MIGRATIONS_DIR) -> list[str]:
    exists = session.one("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
    done = set()
    if exists and exists["present"]:
        done = {r["version"] for r in session.all("SELECT version FROM schema_migrations")}
    return [v for v, _ in migration_files(directory) if v not in done]


__all__ = ["Database", "Session", "load_queries", "migrate", "pending_migrations", "translate", "translated", "sql"]
