-- name: article_by_source_key --
-- The stored version of an article, by what identifies it across edits.
SELECT id, content_hash FROM articles WHERE source_key = %(source_key)s FOR UPDATE;

-- name: insert_article --
-- A new source article.
INSERT INTO articles (source_key, title, body, outlet, url, published, published_precision, content_hash)
VALUES (%(source_key)s, %(title)s, %(body)s, %(outlet)s, %(url)s, %(published)s, %(published_precision)s,
        %(content_hash)s)
RETURNING id;

-- name: update_article --
-- An edited article: new text, same identity.
UPDATE articles SET title = %(title)s, body = %(body)s, outlet = %(outlet)s, url = %(url)s,
    published = %(published)s, published_precision = %(published_precision)s, content_hash = %(content_hash)s,
    updated_at = now()
WHERE id = %(id)s;

-- name: unlink_article_sources --
-- Forget an article's evidence (before coding its new text); returns the events it supported. A reviewed or
-- edited event keeps its evidence: the article cannot take it away.
DELETE FROM event_sources s USING events e
WHERE s.article_id = %(id)s AND e.id = s.event_id AND e.review_status = 'unreviewed'
RETURNING s.event_id;

-- name: unlink_article_event_sources --
-- Forget one article's evidence for one event (a reviewed event the new text still reports gets the new evidence).
DELETE FROM event_sources WHERE event_id = %(event_id)s AND article_id = %(article_id)s;

-- name: refresh_event_confidence --
-- An extracted event's confidence, from its evidence now; returns the events whose confidence changed.
WITH best AS (
    SELECT e.id, e.confidence AS before,
           (SELECT max(s.confidence) FROM event_sources s WHERE s.event_id = e.id) AS after
    FROM events e
    WHERE e.id = ANY(%(ids)s) AND e.deleted_at IS NULL AND e.dedup_key IS NOT NULL
)
UPDATE events e SET confidence = best.after
FROM best
WHERE e.id = best.id AND best.after IS NOT NULL AND best.after IS DISTINCT FROM best.before
RETURNING e.id, best.before, best.after;

-- name: orphaned_events --
-- Of the given events, the live ones that no article supports any more.
SELECT e.id, e.dedup_key FROM events e
WHERE e.id = ANY(%(ids)s) AND e.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id);

-- name: lock_dedup_key --
-- Serialize the transactions coding one incident until commit, so that the second finds the first's event.
SELECT pg_advisory_xact_lock(hashtext(%(dedup_key)s));

-- name: event_by_dedup_key --
-- The event recorded for the same incident (day, place, type, sub-type, actors); deleted_at set if a user deleted it.
SELECT id, deleted_at FROM events WHERE dedup_key = %(dedup_key)s;

-- name: tombstone_unreported_event --
-- Delete an incident that no article reports any more; its key is released so that a later article may record it.
UPDATE events SET deleted_at = now(), updated_at = now(), version = version + 1, dedup_key = NULL
WHERE id = %(id)s AND deleted_at IS NULL AND review_status = 'unreviewed'
RETURNING id;

-- name: insert_event_source --
-- Link an event to the article sentence that reports it.
INSERT INTO event_sources (event_id, article_id, evidence, start_offset, end_offset, confidence)
VALUES (%(event_id)s, %(article_id)s, %(evidence)s, %(start)s, %(end)s, %(confidence)s)
ON CONFLICT DO NOTHING;

-- name: article_event_ids --
-- The live events an article supports, in event order.
SELECT DISTINCT e.id, e.event_date FROM event_sources s JOIN events e ON e.id = s.event_id
WHERE s.article_id = %(id)s AND e.deleted_at IS NULL
ORDER BY e.event_date, e.id;

-- name: article_full --
-- One article with its body.
SELECT id, title, body, outlet, url, published, published_precision, content_hash, created_at, updated_at,
       (SELECT count(DISTINCT s.event_id) FROM event_sources s JOIN events e ON e.id = s.event_id
        WHERE s.article_id = articles.id AND e.deleted_at IS NULL) AS event_count
FROM articles WHERE id = %(id)s;

-- name: article_page --
-- Articles, newest publication first, after a keyset position.
SELECT a.id, a.title, a.outlet, a.url, a.published, a.published_precision, a.content_hash, a.created_at,
       a.updated_at,
       (SELECT count(DISTINCT s.event_id) FROM event_sources s JOIN events e ON e.id = s.event_id
        WHERE s.article_id = a.id AND e.deleted_at IS NULL) AS event_count
FROM articles a
WHERE (%(after_published)s::date IS NULL OR (a.published, a.id) < (%(after_published)s::date, %(after_id)s::bigint))
ORDER BY a.published DESC, a.id DESC
LIMIT %(limit)s;

