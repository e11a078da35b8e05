-- 005: per-event confidence, the review queue, and every change to an event kept in event_history.

-- How sure the extractor was: the highest confidence of the event's evidence (event_sources.confidence).
-- NULL for an event a person created through the API: only extracted events wait for review.
-- review_status: 'confirmed' (a reviewer accepted it as it is) or 'corrected' (changed by a person: a review
-- with changes, PATCH or PUT). A reviewed event belongs to its reviewers: re-extracting or reloading an article
-- links evidence to it but never changes or deletes it (service/articles/service.py).
ALTER TABLE events
    ADD COLUMN confidence real CHECK (confidence BETWEEN 0 AND 1),
    ADD COLUMN review_status text NOT NULL DEFAULT 'unreviewed'
        CHECK (review_status IN ('unreviewed', 'confirmed', 'corrected')),
    ADD COLUMN reviewed_at timestamptz,
    ADD CONSTRAINT events_reviewed_at_check CHECK ((review_status = 'unreviewed') = (reviewed_at IS NULL));

COMMENT ON COLUMN events.dedup_key IS
    'the incident as the extractor coded it when the event was created; an edit through the API does not change '
    'it, so that the article (or another one) telling the same incident still finds the event';

UPDATE events e SET confidence = (SELECT max(s.confidence) FROM event_sources s WHERE s.event_id = e.id)
WHERE e.dedup_key IS NOT NULL;

-- GET /events?review=pending: unreviewed extracted events below the threshold
CREATE INDEX events_review_queue_idx ON events (confidence) WHERE deleted_at IS NULL AND review_status = 'unreviewed';

-- The audit trail: one row per change, written by the same transaction as the change (service/events/history.py).
-- Events are never removed (deletion leaves a tombstone), so their history stays readable after a delete.
CREATE TABLE event_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES events (id),
    at         timestamptz NOT NULL DEFAULT now(),
    action     text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'review')),
    -- api: a request to /events; article: the loader or POST /articles storing article_id; review: /review
    cause      text NOT NULL CHECK (cause IN ('api', 'article', 'review')),
    article_id bigint REFERENCES articles (id) ON DELETE SET NULL,
    -- who made the change: the name of the API key that sent the request (keys come with a later issue; NULL
    -- until then and for the loader). Plain text, not a reference: the entry outlives a revoked key.
    who        text CHECK (who IS NULL OR (btrim(who) <> '' AND length(who) <= 200)),
    -- {field: {"before": value, "after": value}} for the fields that changed
    changes    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object'),
    CONSTRAINT event_history_article_cause CHECK (article_id IS NULL OR cause = 'article')
);
CREATE INDEX event_history_event_idx ON event_history (event_id, id);

-- The record the API reads, now with its confidence and review state.
CREATE OR REPLACE VIEW event_records AS
SELECT
    e.id,
    e.event_date,
    e.time_precision,
    e.event_type,
    e.sub_event_type,
    t.disorder_type,
    a1.name  AS actor1,
    aa1.names AS assoc_actor_1,
    a1.inter AS inter1,
    a2.name  AS actor2,
    aa2.names AS assoc_actor_2,
    a2.inter AS inter2,
    CASE
        WHEN a1.inter IS NULL AND a2.inter IS NULL THEN NULL
        WHEN a2.inter IS NULL THEN a1.inter::text || '0'
        WHEN a1.inter IS NULL THEN a2.inter::text || '0'
        ELSE least(a1.inter, a2.inter)::text || greatest(a1.inter, a2.inter)::text
    END AS interaction,
    e.civilian_targeting,
    l.iso3,
    l.country,
    l.admin1,
    l.admin2,
    l.location,
    l.latitude,
    l.longitude,
    l.geo_precision,
    e.fatalities,
    e.notes,
    e.location_id,
    e.version,
    e.created_at,
    e.updated_at,
    e.deleted_at,
    e.confidence,
    e.review_status,
    e.reviewed_at
FROM events e
JOIN event_types t ON t.sub_event_type = e.sub_event_type
JOIN locations l ON l.id = e.location_id
LEFT JOIN LATERAL (
    SELECT ac.name, ac.inter FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
    WHERE ea.event_id = e.id AND ea.role = 'actor1'
) a1 ON true
LEFT JOIN LATERAL (
    SELECT ac.name, ac.inter FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
    WHERE ea.event_id = e.id AND ea.role = 'actor2'
) a2 ON true
LEFT JOIN LATERAL (
    SELECT string_agg(ac.name, '; ' ORDER BY ac.name) AS names FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
    WHERE ea.event_id = e.id AND ea.role = 'assoc_actor_1'
) aa1 ON true
LEFT JOIN LATERAL (
    SELECT string_agg(ac.name, '; ' ORDER BY ac.name) AS names FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
    WHERE ea.event_id = e.id AND ea.role = 'assoc_actor_2'
) aa2 ON true;
