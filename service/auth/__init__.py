"""Who may do what: API keys, the per-request check, idempotent POSTs."""
from __future__ import annotations

from pathlib import Path

from ..db import load_queries

QUERIES = load_queries(Path(__file__).with_name("queries.sql"))
