-- name: create_import_staging --
-- The rows of one import, as read and checked (acled_rows.py), dropped when the import commits.
CREATE TEMP TABLE import_staging (
    line integer NOT NULL, external_id text NOT NULL, event_date date NOT NULL, time_precision smallint NOT NULL,
    event_type text NOT NULL, sub_event_type text NOT NULL, actor1 text NOT NULL, assoc_actor_1 text,
    inter1 smallint NOT NULL, actor2 text, assoc_actor_2 text, inter2 smallint, civilian_targeting boolean NOT NULL,
    iso3 char(3) NOT NULL, country text NOT NULL, admin1 text, admin2 text, location text NOT NULL,
    latitude double precision, longitude double precision, geo_precision smallint NOT NULL, source_text text,
    notes text, fatalities integer NOT NULL, updated_at timestamptz, created_changes jsonb NOT NULL
) ON COMMIT DROP;

-- name: create_import_touched --
-- The events an import created or changed.
CREATE TEMP TABLE import_touched (event_id bigint PRIMARY KEY, external_id text NOT NULL, action text NOT NULL,
                                 after jsonb)
ON COMMIT DROP;

-- name: copy_import_staging --
-- COPY the checked rows in.
COPY import_staging (line, external_id, event_date, time_precision, event_type, sub_event_type, actor1,
    assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, civilian_targeting, iso3, country, admin1, admin2,
    location, latitude, longitude, geo_precision, source_text, notes, fatalities, updated_at, created_changes)
FROM STDIN;

-- name: keep_last_row_per_id --
-- A file that gives one event_id_cnty twice: its last row wins. Returns how many earlier rows were dropped.
WITH ranked AS (
    SELECT ctid, row_number() OVER (PARTITION BY external_id ORDER BY line DESC) AS n FROM import_staging
)
DELETE FROM import_staging s USING ranked r WHERE s.ctid = r.ctid AND r.n > 1;

-- name: import_locations --
-- New places, the first row's coordinates and precision for each; known places are reused. Then each row's place.
WITH new AS (
    INSERT INTO locations (iso3, country, admin1, admin2, location, latitude, longitude, geo_precision)
    SELECT DISTINCT ON (iso3, lower(coalesce(admin1, '')), lower(coalesce(admin2, '')), lower(location))
           iso3, country, admin1, admin2, location, latitude, longitude, geo_precision
    FROM import_staging
    ORDER BY iso3, lower(coalesce(admin1, '')), lower(coalesce(admin2, '')), lower(location), line
    ON CONFLICT DO NOTHING
    RETURNING id
)
SELECT count(*) AS n FROM new;

-- name: import_actors --
-- Actors named by the file and not known yet, with their side's inter code; each gets its creation in its history.
WITH named AS (
    SELECT actor1 AS name, inter1 AS inter, line FROM import_staging
    UNION ALL SELECT actor2, inter2, line FROM import_staging WHERE actor2 IS NOT NULL
    UNION ALL SELECT btrim(a), inter1, line FROM import_staging, unnest(string_to_array(assoc_actor_1, ';')) a
    UNION ALL SELECT btrim(a), coalesce(inter2, inter1), line
              FROM import_staging, unnest(string_to_array(assoc_actor_2, ';')) a
), new AS (
    INSERT INTO actors (name, inter)
    SELECT DISTINCT ON (lower(name)) name, inter FROM named WHERE name <> '' ORDER BY lower(name), line
    ON CONFLICT DO NOTHING
    RETURNING id, name, inter
), logged AS (
    INSERT INTO actor_history (actor_id, action, cause, who, changes)
    SELECT id, 'create', 'import', %(who)s,
           jsonb_build_object('name', jsonb_build_object('before', NULL, 'after', name),
                              'aliases', jsonb_build_object('before', NULL, 'after', '[]'::jsonb),
                              'inter', jsonb_build_object('before', NULL, 'after', inter))
    FROM new
)
SELECT count(*) AS n FROM new;

-- name: snapshot_import_targets --
-- The tracked fields of the events the file already holds (by external id), before the import changes them.
CREATE TEMP TABLE import_before ON COMMIT DROP AS
SELECT r.id, r.external_id, r.deleted_at, r.source_text,
       jsonb_strip_nulls(jsonb_build_object(
           'event_date', r.event_date, 'time_precision', r.time_precision, 'event_type', r.event_type,
           'sub_event_type', r.sub_event_type, 'actor1', r.actor1, 'inter1', r.inter1,
           'assoc_actor_1', r.assoc_actor_1, 'actor2', r.actor2, 'inter2', r.inter2,
           'assoc_actor_2', r.assoc_actor_2, 'civilian_targeting', r.civilian_targeting, 'iso3', r.iso3,
           'country', r.country, 'admin1', r.admin1, 'admin2', r.admin2, 'location', r.location,
           'latitude', r.latitude, 'longitude', r.longitude, 'geo_precision', r.geo_precision,
           'fatalities', r.fatalities, 'notes', r.notes)) AS fields
FROM event_records r
WHERE r.external_id IN (SELECT external_id FROM import_staging);

-- name: insert_imported_events --
-- Events the file brings that are not here yet, created in one statement. Rows go in reverse file order: an
-- export lists a day's events newest id first, so its re-import exports in the same order.
WITH new AS (
    INSERT INTO events (external_id, event_date, time_precision, event_type, sub_event_type, location_id,
                        fatalities, civilian_targeting, notes, source_text, updated_at)
    SELECT s.external_id, s.event_date, s.time_precision, s.event_type, s.sub_event_type, l.id,
           s.fatalities, s.civilian_targeting, s.notes, s.source_text, coalesce(s.updated_at, now())
    FROM import_staging s
    JOIN locations l ON l.iso3 = s.iso3 AND lower(coalesce(l.admin1, '')) = lower(coalesce(s.admin1, ''))
        AND lower(coalesce(l.admin2, '')) = lower(coalesce(s.admin2, '')) AND lower(l.location) = lower(s.location)
    WHERE NOT EXISTS (SELECT 1 FROM import_before b WHERE b.external_id = s.external_id)
    ORDER BY s.line DESC
    RETURNING id, external_id
)
INSERT INTO import_touched (event_id, external_id, action) SELECT id, external_id, 'create' FROM new;

-- name: update_imported_events --
-- Events the file changes (another value in a tracked field, or the source); deleted events stay deleted.
WITH staged AS (
    SELECT s.*, b.id, b.fields AS before, l.id AS place_id, jsonb_strip_nulls(jsonb_build_object(
        'event_date', s.event_date, 'time_precision', s.time_precision, 'event_type', s.event_type,
        'sub_event_type', s.sub_event_type, 'actor1', a1.name, 'inter1', a1.inter,
        'assoc_actor_1', (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM actors a
                          WHERE lower(a.name) IN (SELECT lower(btrim(n)) FROM unnest(string_to_array(s.assoc_actor_1, ';')) n)),
        'actor2', a2.name, 'inter2', a2.inter,
        'assoc_actor_2', (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM actors a
                          WHERE lower(a.name) IN (SELECT lower(btrim(n)) FROM unnest(string_to_array(s.assoc_actor_2, ';')) n)),
        'civilian_targeting', s.civilian_targeting, 'iso3', s.iso3, 'country', l.country, 'admin1', l.admin1,
        'admin2', l.admin2, 'location', l.location, 'latitude', l.latitude, 'longitude', l.longitude,
        'geo_precision', l.geo_precision, 'fatalities', s.fatalities, 'notes', s.notes)) AS after,
        s.source_text IS DISTINCT FROM b.source_text AS new_source
    FROM import_staging s JOIN import_before b USING (external_id)
    -- the actors as stored (their spelling, inter code, and the record's order of associates), as the record shows
    -- them: a file that only spells or orders them differently changes nothing
    JOIN actors a1 ON lower(a1.name) = lower(s.actor1)
    LEFT JOIN actors a2 ON lower(a2.name) = lower(s.actor2)
    JOIN locations l ON l.iso3 = s.iso3 AND lower(coalesce(l.admin1, '')) = lower(coalesce(s.admin1, ''))
        AND lower(coalesce(l.admin2, '')) = lower(coalesce(s.admin2, '')) AND lower(l.location) = lower(s.location)
    WHERE b.deleted_at IS NULL
), changed AS (
    SELECT * FROM staged WHERE after <> before OR new_source
), updated AS (
    UPDATE events e SET event_date = c.event_date, time_precision = c.time_precision, event_type = c.event_type,
        sub_event_type = c.sub_event_type, location_id = c.place_id, fatalities = c.fatalities,
        civilian_targeting = c.civilian_targeting, notes = c.notes, source_text = c.source_text,
        updated_at = now(), version = e.version + 1
    FROM changed c WHERE e.id = c.id
    RETURNING e.id
)
INSERT INTO import_touched (event_id, external_id, action, after)
SELECT c.id, c.external_id, 'update', c.after FROM changed c JOIN updated u ON u.id = c.id;

-- name: unlink_updated_imports --
-- The actors of changed events are linked afresh.
DELETE FROM event_actors ea USING import_touched t WHERE ea.event_id = t.event_id AND t.action = 'update';

-- name: link_imported_actors --
-- Each created or changed event's actors, by name, with the event's date (sql/009: the actor pages' index key;
-- given here, the row trigger that would look it up skips the row).
INSERT INTO event_actors (event_id, actor_id, role, event_date)
SELECT t.event_id, a.id, x.role, s.event_date
FROM import_touched t JOIN import_staging s USING (external_id)
CROSS JOIN LATERAL (
    VALUES ('actor1', s.actor1), ('actor2', s.actor2)
    UNION ALL SELECT 'assoc_actor_1', btrim(n) FROM unnest(string_to_array(s.assoc_actor_1, ';')) n
    UNION ALL SELECT 'assoc_actor_2', btrim(n) FROM unnest(string_to_array(s.assoc_actor_2, ';')) n
) x (role, name)
JOIN actors a ON lower(a.name) = lower(x.name)
ON CONFLICT DO NOTHING;

-- name: log_created_imports --
-- One history entry per created event: every field it has, from nothing (built while the file was read).
INSERT INTO event_history (event_id, action, cause, who, changes)
SELECT t.event_id, 'create', 'import', %(who)s, s.created_changes
FROM import_touched t JOIN import_staging s USING (external_id)
WHERE t.action = 'create';

-- name: log_updated_imports --
-- One history entry per changed event: the tracked fields that differ, before and after.
INSERT INTO event_history (event_id, action, cause, who, changes)
SELECT t.event_id, 'update', 'import', %(who)s, (
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('before', b.fields -> k, 'after', t.after -> k)), '{}')
    FROM (SELECT jsonb_object_keys(t.after) UNION SELECT jsonb_object_keys(b.fields)) keys (k)
    WHERE (b.fields -> k) IS DISTINCT FROM (t.after -> k))
FROM import_touched t JOIN import_before b USING (external_id)
WHERE t.action = 'update';

-- name: import_counts --
-- What the import did.
SELECT (SELECT count(*) FROM import_touched WHERE action = 'create') AS created,
       (SELECT count(*) FROM import_touched WHERE action = 'update') AS updated,
       (SELECT count(*) FROM import_before WHERE deleted_at IS NOT NULL) AS deleted_here;

-- name: live_event_count --
-- How many events there are (a large import into a small table is done in bulk mode).
SELECT count(*) AS n FROM events WHERE deleted_at IS NULL;

-- name: secondary_indexes --
-- The indexes of these tables that no constraint needs (set aside during a bulk import, then rebuilt).
SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = ANY (%(tables)s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
ORDER BY c.relname;

-- name: foreign_keys --
-- The foreign keys of these tables (dropped during a bulk import, then added back, which checks every row).
SELECT (SELECT relname FROM pg_class WHERE oid = conrelid) AS table_name, conname AS name,
       pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY (%(tables)s::regclass[])
ORDER BY conname;

-- name: bulk_memory --
-- Room to sort while rebuilding indexes and checking foreign keys, for this transaction only.
SELECT set_config('maintenance_work_mem', '512MB', true);

-- name: analyze_imported --
-- Fresh statistics for the planner after a bulk import (the /stats rollups too: rebuilt at its end).
ANALYZE events, event_actors, event_history, locations, actors, stats_events_daily, stats_actors_daily;

-- name: lock_for_bulk --
-- Every table a bulk import's DDL touches (the foreign keys' targets included), locked at once before any of it.
LOCK TABLE events, event_actors, event_history, locations, actors, articles, event_types, stats_events_daily,
    stats_actors_daily IN ACCESS EXCLUSIVE MODE;

-- name: import_work_memory --
-- Room to sort and hash a large file's rows in memory (the staging table, its places and actors), and to keep
-- the staging table itself in memory (temp_buffers: 8MB by default, so that a million staged rows went through
-- temporary files at every one of the statements reading them), for this transaction only. temp_buffers can
-- change only before the session's first temporary table: this runs first on a connection of its own.
SELECT set_config('work_mem', '256MB', true), set_config('temp_buffers', '1GB', true);

-- name: rollup_triggers --
-- The triggers that keep the /stats rollups exact row by row (sql/008): a bulk import turns them off and
-- rebuilds the rollups once, set-based, at its end.
SELECT tgrelid::regclass::text AS table_name, tgname AS name
FROM pg_trigger
WHERE NOT tgisinternal AND tgrelid = ANY (ARRAY['events', 'event_actors']::regclass[])
  AND tgfoid = ANY (ARRAY['stats_events_trigger', 'stats_event_actors_trigger']::regproc[])
ORDER BY 1, 2;

-- name: clear_rollups --
-- Before their rebuild (a TRUNCATE, not a DELETE: the rows go at once, and so does their index upkeep).
TRUNCATE stats_events_daily, stats_actors_daily, stats_events_monthly, stats_events_yearly, stats_types_monthly,
         stats_actors_yearly;

-- name: rebuild_events_rollup --
-- The daily event rollup from every live event, as sql/008's backfill builds it: events are first counted per
-- day, place and sub-type (narrow keys), and only those groups meet their place's names.
INSERT INTO stats_events_daily (event_date, iso3, country, admin1, event_type, sub_event_type, disorder_type,
                                events, fatalities)
SELECT g.event_date, l.iso3, l.country, l.admin1, t.event_type, g.sub_event_type, t.disorder_type,
       sum(g.events), sum(g.fatalities)
FROM (SELECT event_date, location_id, sub_event_type, count(*) AS events, sum(fatalities) AS fatalities
      FROM events WHERE deleted_at IS NULL GROUP BY 1, 2, 3) g
JOIN locations l ON l.id = g.location_id JOIN event_types t ON t.sub_event_type = g.sub_event_type
GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- name: rebuild_actors_rollup --
-- The daily actor rollup from every live event, as sql/008's backfill builds it: an event counts once per
-- distinct actor, whatever roles the actor holds in it.
INSERT INTO stats_actors_daily (event_date, actor_id, iso3, events, fatalities)
SELECT e.event_date, ea.actor_id, l.iso3, count(*), sum(e.fatalities)
FROM (SELECT event_id, actor_id FROM event_actors GROUP BY 1, 2) ea
JOIN events e ON e.id = ea.event_id JOIN locations l ON l.id = e.location_id
WHERE e.deleted_at IS NULL
GROUP BY 1, 2, 3;

-- name: rebuild_monthly_rollup --
-- sql/009's monthly rollup from the rebuilt daily one, as the migration's backfill builds it.
INSERT INTO stats_events_monthly (event_date, iso3, country, event_type, sub_event_type, disorder_type, events,
                                  fatalities)
SELECT date_trunc('month', event_date)::date, iso3, country, event_type, sub_event_type, disorder_type,
       sum(events), sum(fatalities)
FROM stats_events_daily GROUP BY 1, 2, 3, 4, 5, 6;

-- name: rebuild_yearly_rollup --
-- sql/009's yearly rollup from the monthly one.
INSERT INTO stats_events_yearly (event_date, iso3, country, event_type, sub_event_type, disorder_type, events,
                                 fatalities)
SELECT date_trunc('year', event_date)::date, iso3, country, event_type, sub_event_type, disorder_type,
       sum(events), sum(fatalities)
FROM stats_events_monthly GROUP BY 1, 2, 3, 4, 5, 6;

-- name: rebuild_types_rollup --
-- sql/009's monthly rollup of types over every country, from the monthly one.
INSERT INTO stats_types_monthly (event_date, event_type, sub_event_type, disorder_type, events, fatalities)
SELECT event_date, event_type, sub_event_type, disorder_type, sum(events), sum(fatalities)
FROM stats_events_monthly GROUP BY 1, 2, 3, 4;

-- name: rebuild_actors_yearly_rollup --
-- sql/009's yearly actor rollup from the daily one.
INSERT INTO stats_actors_yearly (event_date, actor_id, events, fatalities)
SELECT date_trunc('year', event_date)::date, actor_id, sum(events), sum(fatalities)
FROM stats_actors_daily GROUP BY 1, 2;

-- name: refresh_imported_search --
-- The search documents (sql/009: notes, place, actor names) of every event the import created or changed, in
-- one set-based statement, after their actors are linked.
SELECT refresh_event_search(ARRAY(SELECT event_id FROM import_touched)) AS refreshed;
