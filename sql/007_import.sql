-- 007: bulk import of ACLED-layout CSV files (`eventsvc import acled FILE.csv`).

-- The id the event has in the file it was imported from (ACLED's event_id_cnty, "SYR12345"): re-importing the
-- file updates these events instead of adding them again, and exports give the id back. NULL for events coded
-- here or created through the API (their export id is ISO3 + id).
-- source_text: the file's `source` column for an imported event, which has no article evidence to name outlets.
ALTER TABLE events
    ADD COLUMN external_id text UNIQUE CHECK (external_id IS NULL OR (btrim(external_id) <> '' AND length(external_id) <= 64)),
    ADD COLUMN source_text text;

-- an import is a cause of change beside a request, an article and a review
ALTER TABLE event_history DROP CONSTRAINT event_history_cause_check,
    ADD CONSTRAINT event_history_cause_check CHECK (cause IN ('api', 'article', 'review', 'import'));
ALTER TABLE actor_history DROP CONSTRAINT actor_history_cause_check,
    ADD CONSTRAINT actor_history_cause_check CHECK (cause IN ('api', 'article', 'review', 'import'));

-- The record the API reads, now with the imported id and source.
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
    e.reviewed_at,
    e.external_id,
    e.source_text
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
