"""The SQL a request runs, recorded in-process (the app's Session calls), with its parameters bound."""
from __future__ import annotations

from contextlib import contextmanager

import psycopg

from service import db as service_db

METHODS = ("one", "all", "execute", "stream", "copy_out")


@contextmanager
def recording(calls: list):
    originals = {name: getattr(service_db.Session, name) for name in METHODS}

    def wrap(name):
        def method(self, query, params=None, *args, **kwargs):
            calls.append((name, self._q(query), params))
            return originals[name](self, query, params, *args, **kwargs)
        return method

    for name in METHODS:
        setattr(service_db.Session, name, wrap(name))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(service_db.Session, name, original)


def statements_of(app, url: str, path: str) -> list[tuple[str, str]]:
    """(method, SQL text with parameters bound) of every statement GET path runs, SET and transaction noise
    left out."""
    calls: list = []
    with recording(calls):
        resp = app.test_client().get(path, buffered=False)
        for _ in resp.response:
            pass
        resp.close()
    with psycopg.connect(url) as conn:
        cursor = psycopg.ClientCursor(conn)
        bound = [(method, cursor.mogrify(query, params)) for method, query, params in calls]
    return [(method, text) for method, text in bound if not text.lstrip().upper().startswith(("SET", "SELECT SET_CONFIG"))]
