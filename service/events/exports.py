"""CSV exports written by PostgreSQL: `COPY (SELECT ...) TO STDOUT` over the export query of listing.py.

The server formats every cell (exports.sql) and Python only passes the rows on, a few hundred at a time, so an
export runs at the database's pace in flat memory; the bytes are those formats.csv_chunks writes for the same
records (tests/test_events_exports.py compares the two on awkward values).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pycountry

from ..db import Session, load_queries, sql
from .formats import CSV_COLUMNS, ROWS_PER_CHUNK

QUERIES = load_queries(Path(__file__).with_name("exports.sql"))
# formats.iso_numeric for every country pycountry knows; the rest are 0 (as formats.iso_numeric says)
ISO_NUMERIC = json.dumps({country.alpha_3: int(country.numeric) for country in pycountry.countries})
HEADER = (",".join(CSV_COLUMNS) + "\r\n").encode()


def csv_export(session: Session, query: sql.Composed, params: dict) -> Iterator[bytes]:
    """The CSV file (header, then every row of `query`) in chunks of ROWS_PER_CHUNK rows."""
    # a cursor read a row at a time gains nothing from JIT compilation, which only delays the first row; floats
    # in their shortest exact form whatever the server's default
    session.execute("SET LOCAL jit = off")
    session.execute("SET LOCAL extra_float_digits = 1")
    statement = sql.SQL(QUERIES["csv_export"]).format(query=query)
    chunk = bytearray(HEADER)
    rows = 0
    for row in session.copy_out(statement, {**params, "iso_numeric": ISO_NUMERIC}):
        chunk += row[:-1]  # COPY ends a row with "\n"; csv ends it with "\r\n"
        chunk += b"\r\n"
        rows += 1
        if rows == ROWS_PER_CHUNK:
            yield bytes(chunk)
            chunk.clear()
            rows = 0
    yield bytes(chunk)
