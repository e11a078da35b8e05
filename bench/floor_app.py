"""The floor endpoints: a minimal Flask app under the same gunicorn settings as the service.

    /const          a constant JSON document
    /sql/<name>     runs the statement recorded for that scenario (bench/scenarios.json, written by bench/run)
                    and passes PostgreSQL's JSON through: row_to_json of its rows, as one array
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask, Response
from psycopg_pool import ConnectionPool

app = Flask(__name__)
pool = ConnectionPool(os.environ["DATABASE_URL"], min_size=2, max_size=16, open=True)
STATEMENTS = json.loads(Path(os.environ["BENCH_STATEMENTS"]).read_text())
CONST = json.dumps({"id": 1, "event_type": "Battles", "fatalities": 0})


@app.get("/const")
def const():
    return Response(CONST, content_type="application/json")


@app.get("/sql/<name>")
def statement(name: str):
    sql = STATEMENTS[name]
    with pool.connection() as conn:
        row = conn.execute(f"SELECT coalesce(json_agg(q), '[]') FROM ({sql}) q").fetchone()
    return Response(json.dumps(row[0]), content_type="application/json")
