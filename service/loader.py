"""Extraction output → database: articles, places, actors and events, one transaction per article.

Idempotent: an unchanged article is a no-op, so loading the same files twice changes nothing. An edited
article (same URL, or same file and headline) replaces its own events atomically. A file that cannot be
read or parsed is reported by name and skipped; the other files still load.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from tqdm import tqdm

from .articles.service import StoreResult, code_and_store
from .config import Config
from .db import Database
from .errors import ServiceError
from .queries import all_queries
from .extraction.extract_cmd import read_files

log = logging.getLogger(__name__)


@dataclass
class LoadSummary:
    articles: dict = field(default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0})
    events_created: int = 0
    events_linked: int = 0
    events_removed: int = 0
    events_skipped: int = 0
    events_unplaced: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def loaded_any(self) -> bool:
        return any(self.articles.values())

    def add(self, result: StoreResult) -> None:
        self.articles[result.status] += 1
        self.events_created += result.created
        self.events_linked += result.linked
        self.events_removed += result.removed
        self.events_skipped += result.skipped
        self.events_unplaced += result.unplaced

    def describe(self) -> str:
        a = self.articles
        text = (f"articles: {a['new']} new, {a['updated']} updated, {a['unchanged']} unchanged; "
                f"events: {self.events_created} created, {self.events_linked} linked to existing, "
                f"{self.events_removed} removed")
        if self.events_skipped:
            text += f", {self.events_skipped} deleted by a user and not restored"
        if self.events_unplaced:
            text += f", {self.events_unplaced} not stored (no country in the text)"
        for name, reason in self.failed:
            text += f"\nskipped {name}: {reason}"
        return text


def load_paths(url: str, paths: list[str], progress: bool = True, published: str | None = None) -> LoadSummary:
    summary = LoadSummary()
    inputs: list[dict] = []
    for result in read_files(paths, published):
        if result.error:
            summary.failed.append((str(result.path), result.error))
        else:
            inputs += result.articles(with_body=True)
    db = Database(url, min_size=1, max_size=2, statement_timeout_ms=Config.from_env().DB_STATEMENT_TIMEOUT_MS,
                  queries=all_queries())
    try:
        for item in tqdm(inputs, desc="articles", unit="article", disable=not progress or len(inputs) < 20):
            name = f"{item.get('file') or '?'}: {item['title'][:60]}"
            try:
                with db.session() as session:
                    summary.add(code_and_store(session, item, item["events"]))
            except (ServiceError, ValueError, KeyError) as exc:
                log.warning("skipped %s: %s", name, exc)
                summary.failed.append((name, str(exc)))
    finally:
        db.close()
    return summary
