"""Extraction core: article text in, ACLED-style incident records out (no database, no Flask).

    parse(text, published=None, ...) -> list[ArticleRecord]   one record per article in the text
    extract(title, body, published, published_precision)     incidents of one article
    dedup_key(event) -> tuple                                 same incident across articles
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .articles import split_articles
from .pipeline import dedup_key, extract

__all__ = ["ArticleRecord", "parse", "extract", "dedup_key"]


@dataclass
class ArticleRecord:
    title: str
    body: str
    published: date
    precision: str  # "day" | "week" | "month"
    events: list[dict]
    header: dict = field(default_factory=dict)


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def parse(text: str, published=None, facts=None, default_published=None,
          default_precision: str = "week", explain: bool = False) -> list[ArticleRecord]:
    """Split `text` into articles and extract each one's incidents.

    published: overrides every article's publication date (precision "day").
    facts: per-article manifest facts (title, published, published_precision), in file order.
    default_published: used when neither `published`, the facts nor a ``published:`` header
    give a date; its precision is `default_precision`. Without any date, today is used.
    explain: each event gets an "explain" key (see pipeline.extract).
    """
    facts = list(facts or [])
    out = []
    for i, article in enumerate(split_articles(text)):
        fact = facts[i] if i < len(facts) else None
        title = (fact.title if fact and fact.title else article.title)
        day, precision = _publication(published, fact, article.header, default_published, default_precision)
        events = extract(title, article.body, day, precision, explain=explain)
        out.append(ArticleRecord(title, article.body, day, precision, events, article.header))
    return out


def _publication(published, fact, header, default_published, default_precision) -> tuple[date, str]:
    if _as_date(published):
        return _as_date(published), "day"
    if fact is not None and _as_date(fact.published):
        return _as_date(fact.published), fact.published_precision or "day"
    if _as_date(header.get("published")):
        return _as_date(header.get("published")), "day"
    return _as_date(default_published) or date.today(), default_precision
