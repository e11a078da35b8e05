"""How gunicorn runs the app: one set of settings for `eventsvc serve`/`up` and for gunicorn.conf.py (the image).

- gthread workers: a streamed export holds its thread, not the whole worker, and the worker keeps sending its
  heartbeat, so `timeout` does not kill it in the middle of a long export.
- Request line and header limits, so that an oversized request is refused before the app sees it; gunicorn's
  own refusals (400, 431-like) are answered as problem+json like every other error, not as an HTML page.
- A graceful stop: on SIGTERM a worker stops accepting, finishes what it holds within graceful_timeout, and
  closes its database pool.
- The app writes one JSON access line per request itself (observability.py), so gunicorn's is off.
"""
from __future__ import annotations

import json

from gunicorn import util

LIMIT_REQUEST_LINE = 8190        # bytes of "GET /events?... HTTP/1.1"
LIMIT_REQUEST_FIELDS = 100       # headers
LIMIT_REQUEST_FIELD_SIZE = 8190  # bytes of one header
GRACEFUL_TIMEOUT = 30
TIMEOUT = 120


def options(host: str, port: int, workers: int, threads: int) -> dict:
    return {"bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread", "threads": threads,
            "timeout": TIMEOUT, "graceful_timeout": GRACEFUL_TIMEOUT,
            "limit_request_line": LIMIT_REQUEST_LINE, "limit_request_fields": LIMIT_REQUEST_FIELDS,
            "limit_request_field_size": LIMIT_REQUEST_FIELD_SIZE,
            "worker_int": close_pool, "worker_exit": lambda server, worker: close_pool(worker)}


def close_pool(worker) -> None:
    """The app is the worker's `wsgi` once loaded; a worker that failed to load has no pool to close."""
    db = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("db")
    if db is not None:
        db.close()


def write_problem(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's error page (a request line or header too large, a malformed request) as problem+json."""
    body = json.dumps({"type": f"https://eventsvc.dev/problems/{status_int}", "title": reason,
                       "status": status_int, "detail": mesg or reason}).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n"
            f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n").encode("latin1")
    util.write_nonblock(sock, head + body)


def install_problem_errors() -> None:
    """gunicorn writes its refusals through util.write_error (workers/base.py): answer them in our error shape."""
    util.write_error = write_problem
