"""The operations as a user runs them: `eventsvc migrate`, and `eventsvc up` serving on a port."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

from service.cli import main as cli_main

from .conftest import with_dbname

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 90) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited early:\n{proc.communicate()[0]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                return json.loads(resp.read())
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds}s")


def stop(proc: subprocess.Popen) -> str:
    """Stop the server the way Ctrl-C would; returns what it printed."""
    proc.send_signal(signal.SIGTERM)
    try:
        output, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        output, _ = proc.communicate()
    return output


def test_migrate_command_applies_then_is_a_no_op(pg_server, capsys):
    name = "eventsvc_cli_migrate"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = with_dbname(pg_server, name)
        assert cli_main(["migrate", "--database-url", url]) == 0
        assert "applied" in capsys.readouterr().out
        assert cli_main(["migrate", "--database-url", url]) == 0
        assert capsys.readouterr().out.strip() == "schema is current"
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run_up(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "service", "up", "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_up_migrates_loads_the_seeds_and_serves(database_url, dbq):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONWARNINGS": "ignore"}
    proc = _run_up(env, port)
    try:
        events = wait_for(f"http://127.0.0.1:{port}/events", proc)
        assert len(events["items"]) >= 5
        assert wait_for(f"http://127.0.0.1:{port}/ready", proc)["status"] == "ready"
        actors = wait_for(f"http://127.0.0.1:{port}/actors", proc)
        assert any(a["name"] == "Islamic State" for a in actors["items"])
    finally:
        stop(proc)
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 2


def _printed_key(output: str) -> str:
    keys = [line.split("=", 1)[1] for line in output.splitlines() if "export EVENTSVC_KEY=" in line]
    assert len(keys) == 1, output
    return keys[0].strip()


def _post_actor(port: int, key: str) -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/actors", method="POST",
                                 data=json.dumps({"name": "Lakeside Guard", "inter": 4}).encode(),
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


def test_up_refuses_a_busy_port_before_touching_the_database(pg_server):
    name = "eventsvc_cli_busy_port"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = with_dbname(pg_server, name)
    try:
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            port = busy.getsockname()[1]
            result = subprocess.run([sys.executable, "-m", "service", "up", "--port", str(port)], cwd=ROOT,
                                    env={**os.environ, "DATABASE_URL": url, "PYTHONWARNINGS": "ignore"},
                                    capture_output=True, text=True, timeout=60)
        assert result.returncode == 1 and f"port {port}" in result.stderr and "in use" in result.stderr
        with psycopg.connect(url) as conn:  # nothing was migrated
            assert conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_up_without_database_url_starts_an_embedded_postgres_that_keeps_its_data(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(EMBEDDED_PG_DIR=str(tmp_path / "pgdata"), PYTHONWARNINGS="ignore")
    outputs, created = [], []
    for run in range(2):  # the second start finds the data of the first
        port = free_port()
        proc = _run_up(env, port)
        try:
            events = wait_for(f"http://127.0.0.1:{port}/events", proc, seconds=120)
            assert len(events["items"]) >= 5
            if run == 1:  # the admin key the first start printed writes
                created.append(_post_actor(port, _printed_key(outputs[0])))
        finally:
            outputs.append(stop(proc))
    assert created == [201]
    assert "export EVENTSVC_KEY=" not in outputs[1]  # only the first start makes a key
    assert (tmp_path / "pgdata" / "PG_VERSION").exists()
    assert "migrations: schema is current" in outputs[1]
    assert "articles: 0 new" in outputs[1] and "2 unchanged" in outputs[1]
