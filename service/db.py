"""The one door to PostgreSQL.

Owns the connection pool, runs named queries loaded from `.sql` files, applies migrations, and
turns psycopg errors into the service's own errors by SQLSTATE (never by parsing message text).

Outages. psycopg_pool alone serves an outage badly: a request queues for a connection
the pool cannot make and gets its 503 only after the whole pool timeout; and the pool retries a failed
connection on a doubling backoff (1, 2, 4, ... s, for up to `reconnect_timeout`), so once the server is
back it may sit idle until its next try, tens of seconds later. Four small things bound both:

- a connection is checked (`ConnectionPool.check_connection`, an empty query) before a request gets it; a
  dead one goes back to the pool, which drops and replaces it. (This is not the pool's own `check=`
  callback: the pool would then retry by itself and keep the request until its timeout.)
- a dead or broken connection, or a pool that gives nothing in time, makes a *probe*: one direct
  connection attempt (connect_timeout CONNECT_TIMEOUT s). When it fails the database is down, and every
  request that finds no idle connection in the pool gets 503 with Retry-After at once, without queueing
  for the pool. A probe's answer holds for PROBE_INTERVAL s: while the database is down the first request
  after that probes again; one probe runs at a time and who asks meanwhile waits for its answer.
- a probe that connects calls `pool.check()`, which drops the connections that died in the outage and
  starts new ones at once;
- the pool gives up a reconnection after RECONNECT_TIMEOUT s (a request that then finds the pool empty
  makes it connect at once), so no grown backoff stands between a server that is back and the next request.
  Connections therefore return within PROBE_INTERVAL + RECONNECT_TIMEOUT (about 1 s) of the server.

Left as they were: requests already queued for the pool when the database goes away still wait up to
DB_POOL_TIMEOUT, and a server that drops packets instead of refusing makes each probe last CONNECT_TIMEOUT.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import psycopg
from psycopg import errors as pg_errors, sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from .errors import Conflict, NotFound, Unavailable, Unprocessable

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(os.environ.get("EVENTSVC_SQL_DIR") or Path(__file__).resolve().parent.parent / "sql")
# any fixed 64-bit number: all `eventsvc migrate` processes serialize on it
MIGRATION_LOCK_ID = 4_206_911_201

# seconds a connection attempt may take (the URL's connect_timeout wins); libpq's least is 2
CONNECT_TIMEOUT = 2
# seconds a probe's answer holds: while the database is down, at most one connection attempt per interval
PROBE_INTERVAL = 0.5
# seconds the pool keeps retrying a connection it could not make before it gives up
RECONNECT_TIMEOUT = 0.5

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
    "api_keys_name_key": ("name", "a key with this name exists already"),
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

    def copy_rows(self, statement: str, rows: Iterable[tuple]) -> int:
        """`COPY ... FROM STDIN` of `rows` (tuples in the statement's column order); returns how many."""
        n = 0
        with translated():
            with self.conn.cursor() as cur, cur.copy(self._q(statement)) as copy:
                for n, row in enumerate(rows, 1):
                    copy.write_row(row)
        return n

    def copy_out(self, statement, params: Any = None) -> Iterator[memoryview]:
        """The rows `COPY (...) TO STDOUT` writes, one buffer each, as the server sends them (flat memory)."""
        with translated():
            with self.conn.cursor() as cur, cur.copy(self._q(statement), params) as copy:
                yield from copy

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        with translated():
            with self.conn.transaction():
                yield


def _unreachable() -> Unavailable:
    return Unavailable("the database is unreachable; try again shortly", headers={"Retry-After": "1"})


def _connect_timeout(url: str) -> Any:
    """The URL's own connect_timeout, else CONNECT_TIMEOUT."""
    with contextlib.suppress(psycopg.Error):
        return conninfo_to_dict(url).get("connect_timeout") or CONNECT_TIMEOUT
    return CONNECT_TIMEOUT


class _Breaker:
    """Whether the server accepts connections, as a direct connection attempt (a probe) last found.

    An answer holds for PROBE_INTERVAL s; one probe runs at a time and who asks meanwhile waits for its answer.
    `recovered` runs after each probe that connects (outside the lock).
    """

    def __init__(self, connect: Callable[[], None], recovered: Callable[[], None]):
        self._connect = connect
        self._recovered = recovered
        self._lock = threading.Lock()
        self._probed_at = float("-inf")
        self.down = False

    def probe(self) -> bool:
        """True when the server accepts connections."""
        probed = False
        with self._lock:
            if time.monotonic() - self._probed_at >= PROBE_INTERVAL:
                probed = True
                self._attempt()
        if probed and not self.down:
            self._recovered()
        return not self.down

    def _attempt(self) -> None:
        try:
            self._connect()
        except psycopg.Error as exc:
            if not self.down:
                log.warning("database unreachable, answering 503 until it connects again: %s", exc)
            self.down = True
        else:
            if self.down:
                log.warning("database reachable again")
            self.down = False
        finally:
            self._probed_at = time.monotonic()


class Database:
    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 10, timeout: float = 10,
                 statement_timeout_ms: int = 30000, queries: dict[str, str] | None = None):
        self.url = url
        self.queries = queries or {}
        self._opened = False
        self._open_lock = threading.Lock()
        connect = {"application_name": "eventsvc", "connect_timeout": _connect_timeout(url)}
        # psycopg prepares a statement run 5 times on a connection, and PostgreSQL may then plan it once for any
        # parameters: one plan for the busiest and the rarest actor, which walks most of a table for one of them
        options = f"-c statement_timeout={int(statement_timeout_ms)} -c plan_cache_mode=force_custom_plan"
        self.pool = ConnectionPool(
            url, min_size=min_size, max_size=max_size, timeout=timeout, open=False,
            reconnect_timeout=RECONNECT_TIMEOUT, kwargs={"row_factory": dict_row, "options": options, **connect},
        )
        self._breaker = _Breaker(lambda: psycopg.connect(url, **connect).close(), self.pool.check)

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
        with translated():  # e.g. PoolClosed
            conn = self._checkout()
        try:
            with translated(), conn.transaction():
                yield Session(conn, self.queries)
        finally:
            broken = conn.broken
            self.pool.putconn(conn)  # back first: a failing probe must not keep the connection out of the pool
            if broken:  # lost mid-request: find out now whether the database went down
                self._breaker.probe()

    def _checkout(self) -> psycopg.Connection:
        """A pooled connection that answers; Unavailable, at once while the database is known to be down."""
        for _ in range(2):
            if self._breaker.down and not self._idle() and not self._breaker.probe():
                raise _unreachable()
            conn = self._getconn()
            try:
                ConnectionPool.check_connection(conn)
                return conn
            except psycopg.Error:
                self.pool.putconn(conn)  # the pool drops a dead connection and connects a replacement
            if not self._breaker.probe():
                raise _unreachable()
        raise Unavailable("the database connection was lost; try again", headers={"Retry-After": "1"})

    def _getconn(self) -> psycopg.Connection:
        # while the database is down only an idle connection is worth having: no long wait for one
        timeout = min(self.pool.timeout, PROBE_INTERVAL) if self._breaker.down else None
        try:
            return self.pool.getconn(timeout=timeout)
        except PoolTimeout as exc:
            if self._breaker.probe():
                raise Unavailable("no database connection is free; try again", headers={"Retry-After": "2"}) from exc
            raise _unreachable() from exc

    def _idle(self) -> int:
        return self.pool.get_stats().get("pool_available", 0)


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
