"""Articles and the events coded from them: store, replace on edit, read."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from ..db import Session
from ..events.history import Cause, record as record_history
from ..events.service import DELETED, attach_sources, create_event, dedup_key_text
from ..extraction import dedup_key, extract
from ..pagination import cursor_position, encode_cursor

PRECISION_CODES = {"day": 1, "week": 2, "month": 3}


@dataclass
class ArticleInput:
    title: str
    body: str
    published: date
    published_precision: int = 1
    outlet: str | None = None
    url: str | None = None
    source_key: str | None = None  # default: the URL, else the content hash

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(f"{self.title.strip()}\n{self.body.strip()}".encode()).hexdigest()

    @property
    def key(self) -> str:
        return self.source_key or self.url or f"sha256:{self.content_hash}"


@dataclass
class StoreResult:
    article_id: int
    status: str  # "new" | "updated" | "unchanged"
    created: int = 0
    linked: int = 0
    removed: int = 0
    skipped: int = 0  # incidents a user deleted: reported again, but not brought back
    unplaced: int = 0  # incidents the text does not place in any country: not stored (a place needs its country)
    event_ids: list[int] = field(default_factory=list)


def article_input(data: dict) -> ArticleInput:
    """An article as posted or read from a seed file (`published_precision` by name)."""
    published = data["published"]
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return ArticleInput(title=data["title"].strip(), body=data["body"].strip(), published=published,
                        published_precision=PRECISION_CODES[data.get("published_precision") or "day"],
                        outlet=data.get("outlet"), url=data.get("url"), source_key=data.get("source_key"))


def code_and_store(session: Session, data: dict, events: list[dict] | None = None) -> StoreResult:
    """Store one article and its incidents in the caller's transaction.

    `events` already extracted from exactly this text (the loader has them) are used as they are; otherwise
    the article is coded here. Evidence offsets refer to the stored, stripped body, so events extracted from
    text with surrounding whitespace are coded again.
    """
    article = article_input(data)
    if events is None or article.body != data["body"]:
        events = extract(article.title, article.body, article.published, article.published_precision)
    return store_article(session, article, events, dedup_key)


def code(data: dict, processes: int) -> tuple[dict, list[dict]]:
    """An article as posted, with its text as it will be stored, and its incidents coded off the request thread
    (coding.py); `code_and_store` then takes both without coding again."""
    from .coding import extract_events
    article = article_input(data)
    events = extract_events(article.title, article.body, article.published, article.published_precision, processes)
    return {**data, "body": article.body}, events


def event_payload(event: dict) -> dict:
    """An extracted event as the fields `create_event` takes (a place and a main actor are always given)."""
    data = {k: event.get(k) for k in (
        "event_date", "time_precision", "event_type", "sub_event_type", "iso3", "country", "admin1", "admin2",
        "location", "latitude", "longitude", "geo_precision", "actor1", "inter1", "assoc_actor_1", "actor2",
        "inter2", "assoc_actor_2", "civilian_targeting", "fatalities", "notes")}
    if not data.get("location"):
        # an incident placed only in a region or country: the region stands for the place, coarsely
        data["location"] = data.get("admin1") or data.get("country")
        data["geo_precision"] = 3
    if isinstance(data.get("event_date"), str):
        data["event_date"] = date.fromisoformat(data["event_date"])
    data["fatalities"] = int(data.get("fatalities") or 0)
    return data


def _sources_of(event: dict) -> list[dict]:
    sources = event.get("sources") or [{"evidence": event.get("evidence"), "start": event.get("evidence_start"),
                                        "end": event.get("evidence_end")}]
    return [{"evidence": s.get("evidence") or event.get("evidence") or event.get("notes") or "",
             "start": s.get("start"), "end": s.get("end"), "confidence": event.get("confidence")}
            for s in sources if (s.get("evidence") or event.get("evidence"))]


def store_article(session: Session, article: ArticleInput, events: list[dict], dedup_key) -> StoreResult:
    """Upsert one article and its events in the caller's transaction.

    Unchanged text is a no-op. An edited article replaces its own events: evidence is relinked,
    incidents that it alone supported and no longer reports are deleted (as tombstones that a later
    article may bring back), and an incident already recorded from another article (same dedup key)
    is linked, not duplicated. An incident a user deleted stays deleted: it is neither linked nor recreated.
    An event a person reviewed or edited is never changed or deleted here: it keeps its evidence from this
    article when the article stops reporting it, and is linked again (by the key it was extracted with) when
    the article still reports it.
    """
    params = {"source_key": article.key, "title": article.title.strip(), "body": article.body.strip(),
              "outlet": article.outlet, "url": article.url, "published": article.published,
              "published_precision": article.published_precision, "content_hash": article.content_hash}
    existing = session.one("article_by_source_key", params)
    if existing and existing["content_hash"] == article.content_hash:
        ids = [r["id"] for r in session.all("article_event_ids", {"id": existing["id"]})]
        return StoreResult(existing["id"], "unchanged", event_ids=ids)
    previously: list[int] = []
    if existing:
        article_id, status = existing["id"], "updated"
        session.execute("update_article", {**params, "id": article_id})
        previously = [r["event_id"] for r in session.all("unlink_article_sources", {"id": article_id})]
    else:
        article_id, status = session.one("insert_article", params)["id"], "new"

    result = StoreResult(article_id, status)
    cause = Cause("article", article_id=article_id)
    for event in events:
        _store_event(session, event, dedup_key_text(dedup_key(event)), cause, result)
    _remove_unreported(session, previously, cause, result)
    result.event_ids = list(dict.fromkeys(result.event_ids))
    refresh_confidence(session, [*previously, *result.event_ids], cause)
    return result


def _store_event(session: Session, event: dict, key: str, cause: Cause, result: StoreResult) -> None:
    """Link one extracted incident to its event, creating the event when the incident is new."""
    if not event.get("iso3") and not event.get("country"):
        result.unplaced += 1
        return
    # a concurrent transaction coding the same new incident waits here until this one commits, then links
    session.one("lock_dedup_key", {"dedup_key": key})
    found = session.one("event_by_dedup_key", {"dedup_key": key})
    if found and found["deleted_at"]:
        result.skipped += 1
        return
    sources = _sources_of(event)
    if found:
        event_id = found["id"]
        result.linked += 1
        if sources and event_id not in result.event_ids:
            # a reviewed event kept this article's earlier evidence (unlink_article_sources): the new text's replaces it
            session.execute("unlink_article_event_sources", {"event_id": event_id, "article_id": cause.article_id})
    else:
        event_id = create_event(session, event_payload(event), dedup_key=key, confidence=event.get("confidence"),
                                cause=cause)
        result.created += 1
    for source in sources:
        session.execute("insert_event_source", {**source, "event_id": event_id, "article_id": cause.article_id})
    result.event_ids.append(event_id)


def _remove_unreported(session: Session, previously: list[int], cause: Cause, result: StoreResult) -> None:
    """Delete the unreviewed events that the article supported alone and no longer reports."""
    if not previously:
        return
    for orphan in session.all("orphaned_events", {"ids": previously}):
        if session.one("tombstone_unreported_event", {"id": orphan["id"]}):
            session.execute("drop_event_links", {"id": orphan["id"]})
            record_history(session, orphan["id"], "delete", cause, DELETED)
            result.removed += 1


def refresh_confidence(session: Session, event_ids: list[int], cause: Cause) -> None:
    """An extracted event's confidence is its best evidence's: recompute it where the evidence changed."""
    if not event_ids:
        return
    for row in session.all("refresh_event_confidence", {"ids": list(set(event_ids))}):
        record_history(session, row["id"], "update", cause,
                       {"confidence": {"before": row["before"], "after": row["after"]}})


def list_articles(session: Session, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """A page of articles, newest publication first, and the cursor of the next page (None on the last)."""
    after = {"after_published": None, "after_id": None}
    if cursor:
        after["after_published"], after["after_id"] = cursor_position(cursor, "published", date.fromisoformat)
    rows = session.all("article_page", {**after, "limit": limit + 1})
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor({"sort": "published", "after": [rows[-1]["published"].isoformat(), rows[-1]["id"]]})


def get_article(session: Session, article_id: int) -> dict:
    article = session.one_or_404("article_full", {"id": article_id}, what="article")
    ids = [r["id"] for r in session.all("article_event_ids", {"id": article_id})]
    article["events"] = article_events(session, ids)
    return article


def article_events(session: Session, ids: list[int]) -> list[dict]:
    records = [session.one("event_record", {"id": i}) for i in ids]
    return attach_sources(session, [r for r in records if r])
