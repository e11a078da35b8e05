"""Request ids, JSON access lines, /metrics and the security headers, on the real app and a real database."""
from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Response, g
from prometheus_client.parser import text_string_to_metric_families

from service import create_app
from service.config import Config
from service.observability import JsonFormatter, use_json_logs

ROOT = Path(__file__).resolve().parent.parent
HEX_ID = re.compile(r"[0-9a-f]{32}")
ACCESS_FIELDS = {"request_id", "method", "route", "path", "status", "duration_ms", "key", "remote_addr"}


@pytest.fixture
def keyless(app):
    """A client that sends no API key, whatever the shared `client` fixture sends."""
    return app.test_client()


def access_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "eventsvc.access"]


def scrape(client) -> dict:
    """/metrics as {(sample name, frozenset of labels): value}."""
    resp = client.get("/metrics")
    assert resp.status_code == 200
    assert resp.mimetype == "text/plain"
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(resp.get_data(as_text=True)) for s in family.samples}


def sample(samples: dict, name: str, **labels) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def insert_events(dbq, n: int) -> list[int]:
    dbq("INSERT INTO locations (iso3, country, location) VALUES ('SDN', 'Sudan', 'Omdurman') "
        "RETURNING id")
    rows = dbq("INSERT INTO events (event_date, event_type, sub_event_type, location_id) "
               "SELECT date '2024-05-01' + i, 'Battles', 'Armed clash', "
               "(SELECT id FROM locations WHERE location = 'Omdurman') FROM generate_series(1, %s) i RETURNING id",
               (n,))
    return [r["id"] for r in rows]


# --- request ids ---------------------------------------------------------------------------------

@pytest.mark.parametrize("given", ["abc-123", "A.b_c-9", "a" * 128])
def test_a_valid_request_id_is_echoed(client, given):
    resp = client.get("/health", headers={"X-Request-ID": given})
    assert resp.headers["X-Request-ID"] == given


def test_a_request_id_is_generated_when_none_is_given(client):
    first, second = (client.get("/health").headers["X-Request-ID"] for _ in range(2))
    assert HEX_ID.fullmatch(first) and HEX_ID.fullmatch(second)
    assert first != second


@pytest.mark.parametrize("given", ["", "a" * 129, "has space", "semi;colon", "quote\"d", "caf\u00e9"])
def test_an_invalid_request_id_is_replaced(client, given):
    resp = client.get("/health", headers={"X-Request-ID": given})
    assert HEX_ID.fullmatch(resp.headers["X-Request-ID"])


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/no-such-thing", 404),
    ("GET", "/events?contry=SYR", 400),
    ("DELETE", "/events", 405),
    ("POST", "/events", 401),
])
def test_error_responses_carry_the_request_id_too(keyless, method, path, status):
    resp = keyless.open(path, method=method, json={}, headers={"X-Request-ID": "err-1"})
    assert resp.status_code == status
    assert resp.mimetype == "application/problem+json"
    assert resp.headers["X-Request-ID"] == "err-1"


# --- access lines --------------------------------------------------------------------------------

@pytest.mark.parametrize("path, route, status", [
    ("/health", "/health", 200),
    ("/events/424242", "/events/<int:event_id>", 404),
    ("/no-such-thing", None, 404),
])
def test_one_json_access_line_per_request(keyless, caplog, path, route, status):
    caplog.set_level(logging.INFO, logger="eventsvc.access")
    resp = keyless.get(path, headers={"X-Request-ID": "line-1"})
    assert resp.status_code == status
    [record] = access_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert set(line) == {"ts", "level", "logger", "message"} | ACCESS_FIELDS
    assert (line["logger"], line["level"]) == ("eventsvc.access", "INFO")
    assert (line["route"], line["path"], line["status"], line["method"]) == (route, path, status, "GET")
    assert line["request_id"] == "line-1"
    assert line["key"] is None and line["remote_addr"] == "127.0.0.1"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0


def test_the_access_line_names_the_key(app, keyless, caplog):
    @app.before_request
    def as_if_authenticated():  # what the key check does for a request with a valid key
        g.key_name = "ci-bot"

    keyless.get("/health")
    [record] = access_lines(caplog)
    assert record.key == "ci-bot"


def test_the_access_line_holds_neither_the_body_nor_the_authorization_header(keyless, caplog):
    resp = keyless.post("/events", json={"notes": "body-marker-7f3a"},
                       headers={"Authorization": "Bearer s3cret-token-91b"})
    assert resp.status_code == 401
    [record] = access_lines(caplog)
    assert (record.method, record.route, record.status) == ("POST", "/events", 401)
    formatter = JsonFormatter()
    for line in (formatter.format(r) for r in caplog.records):
        assert "body-marker-7f3a" not in line and "s3cret-token-91b" not in line


def test_a_line_logged_during_a_request_carries_its_id(app):
    with app.test_request_context("/events"):
        g.request_id = "ctx-1"
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            record = logging.getLogger("service.errors").makeRecord(
                "service.errors", logging.ERROR, __file__, 1, "unhandled %s", ("error",), sys.exc_info(),
                extra={"table": "events"})
        line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "ctx-1" and line["message"] == "unhandled error" and line["table"] == "events"
    assert "RuntimeError: boom" in line["exc"]
    assert line["ts"].endswith("+00:00")


def test_the_service_handler_writes_json_and_pytest_keeps_its_own(caplog):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        use_json_logs()
        logging.getLogger("eventsvc.test").warning("hello %s", "world")
    finally:
        root.removeHandler(handler)
    line = json.loads(stream.getvalue().strip())
    assert (line["logger"], line["level"], line["message"]) == ("eventsvc.test", "WARNING", "hello world")
    assert not isinstance(caplog.handler.formatter, JsonFormatter)


# --- /metrics ------------------------------------------------------------------------------------

def test_metrics_count_requests_by_route_never_by_path(client, keyless):
    assert client.get("/events").status_code == 200
    assert client.get("/events").status_code == 200
    assert client.get("/events/424242").status_code == 404
    assert client.get("/no-such-thing-5e1").status_code == 404
    assert client.open("/events", method="BREW").status_code == 405
    samples = scrape(keyless)  # /metrics needs no key
    requests = "eventsvc_http_requests_total"
    assert sample(samples, requests, route="/events", method="GET", status="200") == 2
    assert sample(samples, requests, route="/events/<int:event_id>", method="GET", status="404") == 1
    assert sample(samples, requests, route="unmatched", method="GET", status="404") == 1
    assert sample(samples, requests, route="unmatched", method="other", status="405") == 1
    assert sample(samples, "eventsvc_http_request_duration_seconds_count",
                  route="/events", method="GET", status="200") == 2
    values = {v for (_, labels) in samples for _, v in labels}
    assert not values & {"/no-such-thing-5e1", "/events/424242", "BREW"}


def test_metrics_refuse_query_parameters_like_every_route(keyless):
    resp = keyless.get("/metrics?contry=SYR")
    assert resp.status_code == 400
    assert resp.get_json(force=True)["errors"] == {"contry": ["Unknown field."]}


def test_events_total_counts_the_live_events_in_the_database(client, dbq):
    assert sample(scrape(client), "eventsvc_events_total") == 0
    ids = insert_events(dbq, 3)
    dbq("UPDATE events SET deleted_at = now() WHERE id = %s RETURNING id", (ids[0],))
    live = dbq("SELECT count(*) AS n FROM events WHERE deleted_at IS NULL")[0]["n"]
    assert live == 2
    assert sample(scrape(client), "eventsvc_events_total") == live


def test_pool_gauges_describe_the_pool(client):
    client.get("/events")
    samples = scrape(client)
    size = sample(samples, "eventsvc_db_pool_size")
    assert size >= 1
    assert sample(samples, "eventsvc_db_pool_max") == 4  # the app fixture's DB_POOL_MAX
    assert sample(samples, "eventsvc_db_pool_in_use") + sample(samples, "eventsvc_db_pool_available") == size
    assert sample(samples, "eventsvc_db_pool_waiting") == 0


def test_metrics_answer_without_the_database(caplog):
    app = create_app(Config.from_env(DATABASE_URL="postgresql://nobody@127.0.0.1:1/none", DB_POOL_TIMEOUT=1))
    try:
        client = app.test_client()
        client.get("/health")
        samples = scrape(client)
    finally:
        app.extensions["db"].close()
    assert sample(samples, "eventsvc_http_requests_total", route="/health", method="GET", status="200") == 1
    assert not any(name == "eventsvc_events_total" for name, _ in samples)
    assert any("eventsvc_events_total left out" in r.getMessage() for r in caplog.records)


def test_each_app_has_its_own_registry(client, database_url):
    client.get("/health")
    other = create_app(Config.from_env(DATABASE_URL=database_url))
    try:
        other_samples = scrape(other.test_client())
    finally:
        other.extensions["db"].close()
    assert sample(other_samples, "eventsvc_http_requests_total", route="/health", method="GET", status="200") is None
    assert sample(scrape(client), "eventsvc_http_requests_total",
                  route="/health", method="GET", status="200") == 1


MULTIPROCESS_SCRIPT = """
import sys
from service import create_app
app = create_app({"DATABASE_URL": sys.argv[1]})
client = app.test_client()
client.get("/health")
if sys.argv[2:] == ["scrape"]:
    sys.stdout.write(client.get("/metrics").get_data(as_text=True))
app.extensions["db"].close()
"""


def test_multiprocess_mode_sums_the_workers(database_url, tmp_path):
    """Two processes, as two gunicorn workers would: the second one's /metrics counts both one's requests."""
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def run(*args):
        return subprocess.run([sys.executable, "-c", MULTIPROCESS_SCRIPT, database_url, *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120, check=True)

    run()
    done = run("scrape")
    samples = {(s.name, frozenset(s.labels.items())): s.value
               for family in text_string_to_metric_families(done.stdout) for s in family.samples}
    assert sample(samples, "eventsvc_http_requests_total", route="/health", method="GET", status="200") == 2
    assert sample(samples, "eventsvc_events_total") == 0
    assert list(tmp_path.glob("counter_*.db"))
    # the service's own processes log one JSON object a line
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    assert {"/health", "/metrics"} <= {line.get("route") for line in lines if line["logger"] == "eventsvc.access"}


# --- security headers ----------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [("GET", "/health"), ("GET", "/metrics"), ("GET", "/nope"),
                                          ("POST", "/events"), ("DELETE", "/events/1")])
def test_every_response_says_nosniff(keyless, method, path):
    assert keyless.open(path, method=method, json={}).headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("method, path", [("POST", "/events"), ("PUT", "/events/1"), ("PATCH", "/events/1"),
                                          ("DELETE", "/events/1"), ("POST", "/actors")])
def test_refused_writes_are_never_cached(keyless, method, path):
    resp = keyless.open(path, method=method, json={"notes": "x"})
    assert resp.status_code >= 400  # no key: refused, and the refusal is not cacheable either
    assert resp.headers["Cache-Control"] == "no-store"


def test_a_successful_write_is_never_cached(client):
    resp = client.post("/actors", json={"name": "Cache Probe Militia", "inter": 3})
    assert resp.status_code == 201, resp.get_json()
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_reads_keep_their_own_cache_control(app, client):
    app.add_url_rule("/cached-probe", "cached_probe", lambda: Response("x", headers={"Cache-Control": "max-age=60"}))
    assert client.get("/cached-probe").headers["Cache-Control"] == "max-age=60"
    assert "Cache-Control" not in client.get("/health").headers
