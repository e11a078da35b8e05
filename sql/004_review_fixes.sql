-- 004: fixes from review.

-- The loader's dedup key now names the sub-event type (an air strike and a shelling in one town on one day are
-- two incidents): extend the stored keys the same way (service/extraction/pipeline.py `dedup_key`, last part),
-- so that an incident recorded before this migration is still found when another article tells it.
UPDATE events SET dedup_key = dedup_key || '|' || lower(regexp_replace(sub_event_type, '\W+', '', 'g'))
WHERE dedup_key IS NOT NULL;

-- The same story from two outlets is two articles (two sources), not a conflict: identical text is allowed.
ALTER TABLE articles DROP CONSTRAINT articles_content_hash_key;
CREATE INDEX articles_content_hash_idx ON articles (content_hash);

-- ACLED codes a one-sided event as its actor's inter code followed by 0: "60" for protesters alone.
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
    e.deleted_at
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
