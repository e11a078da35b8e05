"""Configuration comes from the environment, every option is documented, and /ready tells the truth."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from service import create_app
from service.config import Config

ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"


@pytest.fixture
def unmigrated_client(pg_server):
    """A client of an app whose database exists but has never been migrated."""
    name = f"eventsvc_bare_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    app = create_app(Config.from_env(DATABASE_URL=make_conninfo(**{**conninfo_to_dict(pg_server), "dbname": name}),
                                     DB_POOL_MIN=1, DB_POOL_MAX=2))
    yield app.test_client()
    app.extensions["db"].close()
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_health_answers_without_asking_the_database(client):
    resp = client.get("/health")

    assert resp.status_code == 200
    assert resp.get_json()["status"] == "ok"


def test_ready_on_a_migrated_database(client):
    resp = client.get("/ready")

    assert resp.status_code == 200
    assert resp.get_json() == {"status": "ready", "pending_migrations": []}


def test_not_ready_on_an_unmigrated_database(unmigrated_client):
    resp = unmigrated_client.get("/ready")

    assert resp.status_code == 503
    assert resp.mimetype == "application/problem+json"
    body = resp.get_json(force=True)
    assert body["status"] == 503
    assert "001_init" in body["errors"]["migrations"]
    assert "eventsvc migrate" in body["detail"]


def test_every_option_is_documented_in_env_example():
    assert ENV_EXAMPLE.is_file(), ".env.example is missing at the repository root"
    text = ENV_EXAMPLE.read_text(encoding="utf-8")

    undocumented = [name for name in Config.option_names()
                    if not re.search(rf"^#?\s*{re.escape(name)}=", text, re.M)]

    assert undocumented == []


def test_options_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://example/db")
    monkeypatch.setenv("PAGE_MAX", "50")
    monkeypatch.setenv("DB_STATEMENT_TIMEOUT_MS", "")

    config = Config.from_env()

    assert (config.DATABASE_URL, config.PAGE_MAX, config.DB_STATEMENT_TIMEOUT_MS) == (
        "postgresql://example/db", 50, Config.DB_STATEMENT_TIMEOUT_MS)


def test_a_non_integer_option_is_refused(monkeypatch):
    monkeypatch.setenv("DB_POOL_MAX", "many")

    with pytest.raises(ValueError, match="DB_POOL_MAX"):
        Config.from_env()


def test_the_page_cap_comes_from_config(app):
    app.config["EVENTSVC"].PAGE_MAX = 3
    client = app.test_client()

    assert client.get("/events?limit=3").status_code == 200
    resp = client.get("/events?limit=4")
    assert resp.status_code == 400
    assert resp.get_json(force=True)["errors"] == {"limit": ["at most 3"]}


def test_up_and_serve_listen_on_this_machine_only_unless_told(monkeypatch):
    from service.cli import build_parser

    monkeypatch.delenv("WEB_THREADS", raising=False)
    monkeypatch.delenv("HOST", raising=False)
    assert build_parser().parse_args(["up"]).host == "127.0.0.1"
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"
    monkeypatch.setenv("HOST", "0.0.0.0")
    assert build_parser().parse_args(["serve"]).host == "0.0.0.0"
    assert build_parser().parse_args(["up", "--host", "0.0.0.0"]).host == "0.0.0.0"
    assert build_parser().parse_args(["serve"]).threads == 16
    monkeypatch.setenv("WEB_THREADS", "8")
    assert build_parser().parse_args(["serve"]).threads == 8


def test_gunicorn_runs_threaded_workers_so_long_exports_are_not_killed():
    from service.cli import gunicorn_options

    options = gunicorn_options("127.0.0.1", 8000, 2, 4)

    assert options["worker_class"] == "gthread" and options["threads"] == 4
    assert options["bind"] == "127.0.0.1:8000"
    assert options["limit_request_line"] <= 8190 and options["graceful_timeout"] == 30
    dockerfile = (ENV_EXAMPLE.parent / "Dockerfile").read_text(encoding="utf-8")
    assert '"gunicorn", "-c", "gunicorn.conf.py"' in dockerfile and "COPY gunicorn.conf.py" in dockerfile


def test_gunicorn_conf_has_the_same_settings_as_serve(monkeypatch):
    import runpy

    from service.cli import gunicorn_options

    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("WEB_THREADS", "6")
    monkeypatch.delenv("HOST", raising=False)
    conf = runpy.run_path(str(ENV_EXAMPLE.parent / "gunicorn.conf.py"))
    serve = gunicorn_options("0.0.0.0", 8123, int(conf["workers"]), 6)
    for name in ("bind", "worker_class", "threads", "timeout", "graceful_timeout", "limit_request_line",
                 "limit_request_fields", "limit_request_field_size"):
        assert conf[name] == serve[name], name


def test_dot_env_is_read_when_present_and_the_environment_wins(tmp_path, monkeypatch):
    from service.config import load_dotenv_file

    monkeypatch.chdir(tmp_path)
    # registered with monkeypatch first, so that what load_dotenv sets is undone after the test
    monkeypatch.setenv("PAGE_DEFAULT", "1")
    monkeypatch.delenv("PAGE_DEFAULT")
    monkeypatch.setenv("PAGE_MAX", "900")
    assert load_dotenv_file() is False  # no .env: nothing read
    (tmp_path / ".env").write_text("PAGE_DEFAULT=7\nPAGE_MAX=50\n", encoding="utf-8")

    assert load_dotenv_file() is True
    config = Config.from_env()
    assert (config.PAGE_DEFAULT, config.PAGE_MAX) == (7, 900)
