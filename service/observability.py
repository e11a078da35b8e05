"""Observability: a request id, one JSON access line and Prometheus metrics per request, security headers.

Metrics live in a CollectorRegistry of each app, not prometheus_client's global one, so that the many apps a
test session builds in one process do not collide.

gunicorn runs several worker processes (2 in the image) and each keeps its own counters: without more, a
scrape of /metrics sees only the worker that happened to answer it. Set PROMETHEUS_MULTIPROC_DIR (before the
processes start, to an empty directory every worker may write) to use prometheus_client's multiprocess mode:
each worker then writes its counts there and any worker's /metrics reports the sum over all of them. The
pool gauges always describe the pool of the worker that answered; eventsvc_events_total is read from the
database, so it is the same whichever worker answers.
"""
from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from datetime import datetime, timezone

from flask import Flask, Response, current_app, g, has_request_context, request
from flask.views import MethodView
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from .api import Blueprint
from .errors import ServiceError

access_log = logging.getLogger("eventsvc.access")
log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,128}")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# any other method a client invents is counted as "other": label values stay a short, fixed list
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"
LABELS = ("route", "method", "status")
_RECORD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


# --- logs -------------------------------------------------------------------------------------

class JsonFormatter(logging.Formatter):
    """One JSON object a line, so that a log shipper needs no parsing rules; `extra=` fields become keys."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update((k, v) for k, v in vars(record).items() if k not in _RECORD_ATTRIBUTES and k[:1] != "_")
        # any line logged while a request runs (an unhandled error, say) can be tied to its access line
        if "request_id" not in entry and has_request_context() and g.get("request_id"):
            entry["request_id"] = g.request_id
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


def use_json_logs() -> None:
    """JSON on the handler logging.basicConfig installs when the service runs (`eventsvc serve`, gunicorn).

    Only plain StreamHandlers change: handlers of another kind (pytest's capture) keep their format. The access
    logger gets INFO of its own, as `eventsvc serve` sets the root to WARNING.
    """
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler:
            handler.setFormatter(JsonFormatter())
    if access_log.level == logging.NOTSET:
        access_log.setLevel(logging.INFO)


def request_id_from(header: str | None) -> str:
    """The caller's id when it is safe to echo and to log (no spaces, quotes or newlines), else a fresh one."""
    if header and _REQUEST_ID_RE.fullmatch(header):
        return header
    return uuid.uuid4().hex


# --- metrics ----------------------------------------------------------------------------------

class StateCollector:
    """Gauges read at scrape time (no stored value can go stale): live events, and this process's pool."""

    POOL_GAUGES = (
        ("eventsvc_db_pool_size", "Connections the pool holds, in use or idle", "pool_size"),
        ("eventsvc_db_pool_max", "Connections the pool may open", "pool_max"),
        ("eventsvc_db_pool_available", "Idle connections ready for a request", "pool_available"),
        ("eventsvc_db_pool_waiting", "Requests waiting for a connection", "requests_waiting"),
    )

    def __init__(self, db):
        self.db = db

    def collect(self):
        live = self.live_events()
        if live is not None:
            yield GaugeMetricFamily("eventsvc_events_total", "Events recorded and not deleted", value=live)
        if not self.db._opened:  # nothing to report, and get_stats() must not be what opens the pool
            return
        stats = self.db.pool.get_stats()
        for name, doc, key in self.POOL_GAUGES:
            yield GaugeMetricFamily(name, doc, value=stats.get(key, 0))
        in_use = stats.get("pool_size", 0) - stats.get("pool_available", 0)
        yield GaugeMetricFamily("eventsvc_db_pool_in_use", "Connections lent to requests", value=in_use)

    def live_events(self) -> int | None:
        """None when the database does not answer: /metrics still reports the rest (the pool waits up to
        DB_POOL_TIMEOUT for a connection first)."""
        try:
            with self.db.session() as s:
                s.one("short_statement_timeout")
                return s.one("live_events_count")["n"]
        except ServiceError as exc:
            log.warning("eventsvc_events_total left out: %s", exc)
            return None


class Metrics:
    """The app's registry and its request metrics, labelled by URL rule (never the raw path, whose values
    are unbounded)."""

    def __init__(self, db, multiprocess_dir: str | None = None):
        if multiprocess_dir and not os.path.isdir(multiprocess_dir):
            raise ValueError(f"PROMETHEUS_MULTIPROC_DIR is not a directory: {multiprocess_dir!r}")
        self.multiprocess_dir = multiprocess_dir or None
        self.registry = CollectorRegistry()
        self.requests = Counter("eventsvc_http_requests", "HTTP requests answered", LABELS, registry=self.registry)
        self.latency = Histogram("eventsvc_http_request_duration_seconds",
                                 "Time from the request's arrival to its response headers", LABELS,
                                 registry=self.registry)
        self.state = StateCollector(db)
        self.registry.register(self.state)

    def observe(self, rule: str | None, method: str, status: int, seconds: float) -> None:
        labels = (rule or UNMATCHED, method if method in KNOWN_METHODS else "other", str(status))
        self.requests.labels(*labels).inc()
        self.latency.labels(*labels).observe(seconds)

    def exposition(self) -> bytes:
        """This process's registry, or in multiprocess mode every worker's files plus this one's gauges (its
        own registry would count this worker twice)."""
        if not self.multiprocess_dir:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self.multiprocess_dir)
        registry.register(self.state)
        return generate_latest(registry)


# --- per request ------------------------------------------------------------------------------

def _start() -> None:
    g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
    g.obs_started = time.perf_counter()


def _finish(response: Response) -> Response:
    """Headers, metrics and the access line of every response, errors included.

    The duration runs to the response headers: for a streamed export, the time to its first byte.
    """
    if "request_id" not in g:  # another before_request failed before ours ran
        _start()
    elapsed = time.perf_counter() - g.obs_started
    response.headers[REQUEST_ID_HEADER] = g.request_id
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if request.method in WRITE_METHODS:
        response.headers["Cache-Control"] = "no-store"  # a write's answer is never worth replaying from a cache
    rule = request.url_rule.rule if request.url_rule is not None else None
    current_app.extensions["metrics"].observe(rule, request.method, response.status_code, elapsed)
    # never the body nor the Authorization header: only what identifies the request
    access_log.info("%s %s %s", request.method, request.path, response.status_code, extra={
        "request_id": g.request_id, "method": request.method, "route": rule, "path": request.path,
        "status": response.status_code, "duration_ms": round(elapsed * 1000, 3), "key": g.get("key_name"),
        "remote_addr": request.remote_addr,
    })
    return response


# --- /metrics ---------------------------------------------------------------------------------

blp = Blueprint("observability", __name__, description="Metrics for Prometheus")

METRICS_DOC = {"responses": {200: {"description": "OK", "content": {"text/plain": {"schema": {
    "type": "string", "description": "the Prometheus text exposition format (version 0.0.4)",
    "example": 'eventsvc_http_requests_total{route="/events",method="GET",status="200"} 42.0\n'
               "eventsvc_events_total 1234.0\n"}}}}}}


@blp.route("/metrics")
class MetricsView(MethodView):
    @blp.doc(**METRICS_DOC)
    def get(self):
        """Request counts and latencies, database pool and event gauges, for Prometheus

        Needs no API key. Requests are labelled by route (the URL rule, `unmatched` for a 404), method and
        status. Each server process counts its own requests unless the service runs with
        PROMETHEUS_MULTIPROC_DIR set.
        """
        body = current_app.extensions["metrics"].exposition()
        return Response(body, content_type=CONTENT_TYPE_PLAIN_0_0_4)


def init_app(app: Flask) -> None:
    """Wire it all into the app; the hooks go first in line so that every other hook's refusal (a 401, a 400)
    is timed, counted and logged too."""
    use_json_logs()
    app.extensions["metrics"] = Metrics(app.extensions["db"], os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
    # before_request hooks run in order and after_request hooks in reverse: index 0 is first in, last out
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request_funcs.setdefault(None, []).insert(0, _finish)
    app.extensions["api"].register_blueprint(blp)
