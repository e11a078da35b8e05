-- name: event_record --
-- One live event as its flat ACLED record.
SELECT * FROM event_records WHERE id = %(id)s AND deleted_at IS NULL;

-- name: event_for_update --
-- Lock a live event's row before changing it.
SELECT id, version FROM events WHERE id = %(id)s AND deleted_at IS NULL FOR UPDATE;

-- name: event_sources --
-- The evidence behind a set of events, oldest article first.
SELECT s.event_id, s.article_id, a.title, a.outlet, a.url, a.published,
       s.evidence, s.start_offset AS start, s.end_offset AS "end", s.confidence
FROM event_sources s JOIN articles a ON a.id = s.article_id
WHERE s.event_id = ANY(%(ids)s)
ORDER BY s.event_id, a.published, s.article_id, s.start_offset;

-- name: upsert_location --
-- A place by its natural key; reused when known, its coordinates and precision corrected by what was sent.
-- Coordinates go as a pair (locations_coordinates_paired): a place sent without them keeps the known ones.
INSERT INTO locations (iso3, country, admin1, admin2, location, latitude, longitude, geo_precision)
VALUES (%(iso3)s, %(country)s, %(admin1)s, %(admin2)s, %(location)s, %(latitude)s, %(longitude)s, %(geo_precision)s)
ON CONFLICT (iso3, lower(coalesce(admin1, '')), lower(coalesce(admin2, '')), lower(location))
DO UPDATE SET latitude = coalesce(EXCLUDED.latitude, locations.latitude),
              longitude = coalesce(EXCLUDED.longitude, locations.longitude),
              geo_precision = EXCLUDED.geo_precision
RETURNING id;

-- name: insert_event --
-- A new event row; actors and sources are linked separately.
INSERT INTO events (event_date, time_precision, event_type, sub_event_type, location_id, fatalities,
                    civilian_targeting, notes, dedup_key, confidence)
VALUES (%(event_date)s, %(time_precision)s, %(event_type)s, %(sub_event_type)s, %(location_id)s, %(fatalities)s,
        %(civilian_targeting)s, %(notes)s, %(dedup_key)s, %(confidence)s)
RETURNING id;

-- name: update_event --
-- Replace an event's own columns and bump its version. Only people change events (PUT, PATCH, a review with
-- changes): the event is marked corrected, and article reloads leave it alone from now on.
UPDATE events SET event_date = %(event_date)s, time_precision = %(time_precision)s, event_type = %(event_type)s,
    sub_event_type = %(sub_event_type)s, location_id = %(location_id)s, fatalities = %(fatalities)s,
    civilian_targeting = %(civilian_targeting)s, notes = %(notes)s,
    review_status = 'corrected', reviewed_at = now(), updated_at = now(), version = version + 1
WHERE id = %(id)s AND deleted_at IS NULL;

-- name: clear_event_actors --
-- Unlink every actor of an event (before relinking).
DELETE FROM event_actors WHERE event_id = %(id)s;

-- name: link_event_actor --
-- Link one actor to an event in a role, with the event's date (the actor's events by date, sql/009).
INSERT INTO event_actors (event_id, actor_id, role, event_date)
SELECT %(event_id)s, %(actor_id)s, %(role)s, e.event_date FROM events e WHERE e.id = %(event_id)s
ON CONFLICT DO NOTHING;

-- name: tombstone_event --
-- Delete an event, keeping a tombstone (id, deleted_at) for clients that mirror the data. The tombstone keeps its
-- dedup key, so that the loader does not bring back an incident a user deleted.
UPDATE events SET deleted_at = now(), updated_at = now(), version = version + 1
WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id;

-- name: drop_event_links --
-- A deleted event keeps neither actors nor evidence.
WITH a AS (DELETE FROM event_actors WHERE event_id = %(id)s)
DELETE FROM event_sources WHERE event_id = %(id)s;

-- name: confirm_event --
-- A reviewer accepts an event as it is.
UPDATE events SET review_status = 'confirmed', reviewed_at = now(), updated_at = now(), version = version + 1
WHERE id = %(id)s AND deleted_at IS NULL;

-- name: event_ever_existed --
-- An event, live or deleted (a tombstone keeps its history).
SELECT id FROM events WHERE id = %(id)s;

-- name: insert_event_history --
-- One entry of an event's audit trail, in the transaction of the change it records.
INSERT INTO event_history (event_id, action, cause, article_id, who, changes)
VALUES (%(event_id)s, %(action)s, %(cause)s, %(article_id)s, %(who)s, %(changes)s);

-- name: event_history --
-- An event's audit trail, oldest first (the row lock on the event orders its changes, so ids do too).
SELECT id, event_id, at, action, cause, article_id, who, changes
FROM event_history WHERE event_id = %(id)s
ORDER BY id;

-- name: set_dedup_key --
-- The incident key of an event a person created (the extractor's events get theirs on insert).
UPDATE events SET dedup_key = %(dedup_key)s WHERE id = %(id)s;

-- name: release_dedup_key --
-- A deleted event gives up its incident key to the event a person records for the same incident.
UPDATE events SET dedup_key = NULL WHERE id = %(id)s AND deleted_at IS NOT NULL;

-- name: short_statement_timeout --
-- The next statements of this transaction give up after 5 s (a /metrics scrape must not hang on a count).
SELECT set_config('statement_timeout', '5000', true);

-- name: live_events_count --
-- How many events are recorded and not deleted (/metrics).
SELECT count(*) AS n FROM events WHERE deleted_at IS NULL;

-- name: actor_ids_by_names --
-- The actors a list of lowercase names designates, by name or alias (GET /events?actor=).
SELECT a.id FROM actors a
WHERE lower(a.name) = ANY(%(names)s::text[]) OR actor_aliases_lower(a.aliases) && %(names)s::text[];

-- name: refresh_event_search --
-- Recompute the stored search documents (notes, place, actor names, evidence) of the given events (sql/009).
SELECT refresh_event_search(%(ids)s::bigint[]);
