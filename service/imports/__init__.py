"""Bulk imports of event files (`eventsvc import acled FILE.csv`)."""
from pathlib import Path

from ..db import load_queries

QUERIES = load_queries(Path(__file__).with_name("queries.sql"))

__all__ = ["QUERIES"]
