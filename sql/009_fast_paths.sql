-- 009: index paths for actor=, full-text q, /actors?q= and /stats at a million events (issue 11, section 2).
--
-- 1. event_actors.event_date: the event's date beside each link, so that one actor's events come newest first
--    straight from an index (actor_id, role, event_date DESC, event_id DESC), whatever the actor's size.
--    The writers fill it in their INSERT (link_event_actor reads it from events); a link inserted without it
--    gets it from the row trigger below (WHEN evaluated without calling a function, so a writer that fills it
--    pays nothing), and a changed event date is copied to the event's links by the row trigger on events.
-- 2. events.search_tsv: one stored tsvector over the event's notes, place name and actor names, GIN-indexed,
--    for GET /events?q= (with evidence_tsv, as before). It replaces notes_tsv (sql/002). Kept by the write path,
--    set-based: refresh_event_search(ids) once a write has linked the event's actors (events/service.py,
--    actors/service.py on a rename); the bulk import calls it once for the events it touched.
-- 3. Monthly and yearly rollups (and a monthly one of types alone) beside the daily ones of 008, kept exact by the same statement triggers, so
--    that /stats over all events reads thousands of rows instead of a million (stats/rollups.py picks the
--    coarsest one that answers a query).

-- 1 --------------------------------------------------------------------------------------------------------
ALTER TABLE event_actors ADD COLUMN event_date date;

-- the backfill changes no (event, actor) pair: the rollups' trigger has nothing to count
ALTER TABLE event_actors DISABLE TRIGGER stats_event_actors_update;
UPDATE event_actors ea SET event_date = e.event_date FROM events e WHERE e.id = ea.event_id;
ALTER TABLE event_actors ENABLE TRIGGER stats_event_actors_update;

CREATE FUNCTION event_actors_fill_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT e.event_date INTO NEW.event_date FROM events e WHERE e.id = NEW.event_id;
    RETURN NEW;
END $$;

CREATE TRIGGER event_actors_fill_date BEFORE INSERT OR UPDATE OF event_id ON event_actors
    FOR EACH ROW WHEN (NEW.event_date IS NULL) EXECUTE FUNCTION event_actors_fill_date();

CREATE FUNCTION events_copy_date_to_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_actors SET event_date = NEW.event_date WHERE event_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER events_copy_date_to_links AFTER UPDATE OF event_date ON events
    FOR EACH ROW WHEN (OLD.event_date IS DISTINCT FROM NEW.event_date) EXECUTE FUNCTION events_copy_date_to_links();

-- actor= and /actors/{id}/events: one (actor, role)'s events newest first; serves what event_actors_actor_event_idx
-- (actor_id, role) INCLUDE (event_id) served
CREATE INDEX event_actors_actor_role_date_idx ON event_actors (actor_id, role, event_date DESC, event_id DESC);
DROP INDEX event_actors_actor_event_idx;

-- actor=NAME finds actors by name or alias, case-insensitive (events/queries.sql actor_ids_by_names): the name by
-- actors_name_key, the aliases by this (lower() is immutable, and so is this wrapper over a text[])
CREATE FUNCTION actor_aliases_lower(aliases text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(lower(a)), '{}') FROM unnest($1) a $$;
CREATE INDEX actors_aliases_lower_idx ON actors USING gin (actor_aliases_lower(aliases));

-- 2 --------------------------------------------------------------------------------------------------------
-- The document of an event from its parts; the configuration must be TEXT_SEARCH_CONFIG in events/listing.py.
-- Actor names come ordered by role, then name. Evidence keeps its own index (evidence_tsv, sql/002): q matches
-- either, as before.
CREATE FUNCTION event_search_vector(notes text, location text, actor_names text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('english'::regconfig, coalesce(notes, ''))
        || to_tsvector('english'::regconfig, coalesce(location, ''))
        || to_tsvector('english'::regconfig, coalesce(actor_names, ''))
$$;

ALTER TABLE events ADD COLUMN search_tsv tsvector;

-- Recompute search_tsv for the given events (every event when ids is NULL), in one statement; rows whose
-- document did not change are left alone. Returns how many rows changed. Planned for each call's ids (EXECUTE):
-- one event's links by index, a bulk import's million by hash joins.
CREATE FUNCTION refresh_event_search(ids bigint[]) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
    changed bigint;
BEGIN
    EXECUTE $q$
        WITH target AS MATERIALIZED (
            SELECT e.id, e.notes, e.location_id FROM events e WHERE $1 IS NULL
            UNION ALL
            SELECT e.id, e.notes, e.location_id FROM (SELECT DISTINCT i FROM unnest($1) i) t (id)
            JOIN events e ON e.id = t.id
        ), names AS (
            SELECT ea.event_id, string_agg(a.name, ' ' ORDER BY ea.role, a.name) AS names
            FROM target t JOIN event_actors ea ON ea.event_id = t.id JOIN actors a ON a.id = ea.actor_id
            GROUP BY ea.event_id
        ), docs AS (
            SELECT t.id, event_search_vector(t.notes, l.location, n.names) AS doc
            FROM target t JOIN locations l ON l.id = t.location_id LEFT JOIN names n ON n.event_id = t.id
        ), done AS (
            UPDATE events e SET search_tsv = d.doc FROM docs d
            WHERE e.id = d.id AND e.search_tsv IS DISTINCT FROM d.doc
            RETURNING 1
        )
        SELECT count(*) FROM done$q$ INTO changed USING ids;
    RETURN changed;
END $f$;

-- the backfill changes no counted field: the rollups' trigger has nothing to count
ALTER TABLE events DISABLE TRIGGER stats_events_update;
SELECT refresh_event_search(NULL);
ALTER TABLE events ENABLE TRIGGER stats_events_update;

CREATE INDEX events_search_tsv_idx ON events USING gin (search_tsv) WHERE deleted_at IS NULL;
DROP INDEX events_notes_tsv_idx;
ALTER TABLE events DROP COLUMN notes_tsv;

-- 3 --------------------------------------------------------------------------------------------------------
-- Per month (the first day of the month) and per year, without admin1: a country's types over ten years are
-- a few thousand rows. Same columns and meaning as stats_events_daily otherwise.
CREATE TABLE stats_events_monthly (
    event_date     date NOT NULL,  -- the month's first day
    iso3           char(3) NOT NULL,
    country        text NOT NULL,
    event_type     text NOT NULL,
    sub_event_type text NOT NULL,
    disorder_type  text NOT NULL,
    events         bigint NOT NULL,
    fatalities     bigint NOT NULL,
    PRIMARY KEY (event_date, iso3, country, sub_event_type)
);
CREATE INDEX stats_events_monthly_iso3_idx ON stats_events_monthly (iso3, event_date);

CREATE TABLE stats_events_yearly (LIKE stats_events_monthly INCLUDING ALL);
-- per month and type over every country: the whole world's series are a few thousand rows
CREATE TABLE stats_types_monthly (
    event_date     date NOT NULL,  -- the month's first day
    event_type     text NOT NULL,
    sub_event_type text NOT NULL,
    disorder_type  text NOT NULL,
    events         bigint NOT NULL,
    fatalities     bigint NOT NULL,
    PRIMARY KEY (event_date, sub_event_type)
);
-- per actor and year, all countries together: /stats?group_by=actor over everything, /actors' event counts
CREATE TABLE stats_actors_yearly (
    event_date date NOT NULL,  -- the year's first day
    actor_id   bigint NOT NULL,
    events     bigint NOT NULL,
    fatalities bigint NOT NULL,
    PRIMARY KEY (event_date, actor_id)
);
CREATE INDEX stats_actors_yearly_actor_idx ON stats_actors_yearly (actor_id, event_date) INCLUDE (events);
-- an actor's first and last event day
CREATE INDEX stats_actors_daily_actor_idx ON stats_actors_daily (actor_id, event_date);

-- The coarse rollups take the daily rollup's delta (as stats_upsert_sql reads it), summed per month or year.
CREATE FUNCTION stats_coarse_delta_sql(rollup text, delta text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT CASE rollup
    WHEN 'stats_events_monthly' THEN format($q$
        SELECT date_trunc('month', d.event_date)::date AS event_date, d.iso3, d.country, d.sub_event_type,
               sum(d.events) AS events, sum(d.fatalities) AS fatalities
        FROM (%s) d GROUP BY 1, 2, 3, 4$q$, delta)
    WHEN 'stats_events_yearly' THEN format($q$
        SELECT date_trunc('year', d.event_date)::date AS event_date, d.iso3, d.country, d.sub_event_type,
               sum(d.events) AS events, sum(d.fatalities) AS fatalities
        FROM (%s) d GROUP BY 1, 2, 3, 4$q$, delta)
    WHEN 'stats_types_monthly' THEN format($q$
        SELECT date_trunc('month', d.event_date)::date AS event_date, d.sub_event_type,
               sum(d.events) AS events, sum(d.fatalities) AS fatalities
        FROM (%s) d GROUP BY 1, 2$q$, delta)
    WHEN 'stats_actors_yearly' THEN format($q$
        SELECT date_trunc('year', d.event_date)::date AS event_date, d.actor_id,
               sum(d.events) AS events, sum(d.fatalities) AS fatalities
        FROM (%s) d GROUP BY 1, 2$q$, delta)
    END
$f$;

-- The INSERT ... ON CONFLICT of one rollup, as a data-modifying CTE body over `source` (the rollup's key columns,
-- events, fatalities), returning the ctid and new count of every row it touched.
CREATE FUNCTION stats_insert_sql(rollup text, source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT CASE rollup
    WHEN 'stats_events_daily' THEN format($q$
            INSERT INTO stats_events_daily AS s (event_date, iso3, country, admin1, event_type, sub_event_type,
                                                 disorder_type, events, fatalities)
            SELECT d.event_date, d.iso3, d.country, d.admin1, t.event_type, d.sub_event_type, t.disorder_type,
                   d.events, d.fatalities
            FROM (%s) d JOIN event_types t ON t.sub_event_type = d.sub_event_type
            WHERE d.events <> 0 OR d.fatalities <> 0
            ORDER BY d.event_date, d.iso3, d.country, d.admin1, d.sub_event_type
            ON CONFLICT ON CONSTRAINT stats_events_daily_key DO UPDATE
                SET events = s.events + excluded.events, fatalities = s.fatalities + excluded.fatalities
            RETURNING s.ctid, s.events$q$, source)
    WHEN 'stats_actors_daily' THEN format($q$
            INSERT INTO stats_actors_daily AS s (event_date, actor_id, iso3, events, fatalities)
            SELECT d.event_date, d.actor_id, d.iso3, d.events, d.fatalities FROM (%s) d
            WHERE d.events <> 0 OR d.fatalities <> 0
            ORDER BY d.event_date, d.actor_id, d.iso3
            ON CONFLICT (event_date, actor_id, iso3) DO UPDATE
                SET events = s.events + excluded.events, fatalities = s.fatalities + excluded.fatalities
            RETURNING s.ctid, s.events$q$, source)
    WHEN 'stats_actors_yearly' THEN format($q$
            INSERT INTO stats_actors_yearly AS s (event_date, actor_id, events, fatalities)
            SELECT d.event_date, d.actor_id, d.events, d.fatalities FROM (%s) d
            WHERE d.events <> 0 OR d.fatalities <> 0
            ORDER BY d.event_date, d.actor_id
            ON CONFLICT (event_date, actor_id) DO UPDATE
                SET events = s.events + excluded.events, fatalities = s.fatalities + excluded.fatalities
            RETURNING s.ctid, s.events$q$, source)
    WHEN 'stats_types_monthly' THEN format($q$
            INSERT INTO stats_types_monthly AS s (event_date, event_type, sub_event_type, disorder_type, events,
                                                  fatalities)
            SELECT d.event_date, t.event_type, d.sub_event_type, t.disorder_type, d.events, d.fatalities
            FROM (%s) d JOIN event_types t ON t.sub_event_type = d.sub_event_type
            WHERE d.events <> 0 OR d.fatalities <> 0
            ORDER BY d.event_date, d.sub_event_type
            ON CONFLICT (event_date, sub_event_type) DO UPDATE
                SET events = s.events + excluded.events, fatalities = s.fatalities + excluded.fatalities
            RETURNING s.ctid, s.events$q$, source)
    ELSE format($q$
            INSERT INTO %1$I AS s (event_date, iso3, country, event_type, sub_event_type, disorder_type, events,
                                   fatalities)
            SELECT d.event_date, d.iso3, d.country, t.event_type, d.sub_event_type, t.disorder_type,
                   d.events, d.fatalities
            FROM (%2$s) d JOIN event_types t ON t.sub_event_type = d.sub_event_type
            WHERE d.events <> 0 OR d.fatalities <> 0
            ORDER BY d.event_date, d.iso3, d.country, d.sub_event_type
            ON CONFLICT (event_date, iso3, country, sub_event_type) DO UPDATE
                SET events = s.events + excluded.events, fatalities = s.fatalities + excluded.fatalities
            RETURNING s.ctid, s.events$q$, rollup, source)
    END
$f$;

-- One statement that adds `delta` (a query in the daily rollup's shape) to the daily rollup and to its coarser
-- companions: the delta is computed once; the answer is, per rollup in the order of `rollups`, the ctids of the
-- rows left with 0 events (for stats_drop_emptied). Every writer takes the rollups in this order and each
-- rollup's rows in key order.
CREATE FUNCTION stats_apply_sql(rollups text[], delta text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT format('WITH d AS MATERIALIZED (%s), %s SELECT %s', delta,
                  string_agg(format('u%s AS (%s)', i, stats_insert_sql(r, CASE WHEN i = 1 THEN 'SELECT * FROM d'
                                    ELSE stats_coarse_delta_sql(r, 'SELECT * FROM d') END)), ', ' ORDER BY i),
                  string_agg(format('(SELECT array_agg(ctid) FILTER (WHERE events = 0) FROM u%s)', i), ', '
                             ORDER BY i))
    FROM unnest(rollups) WITH ORDINALITY AS x (r, i)
$f$;

CREATE OR REPLACE FUNCTION stats_events_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes text;
    e1 tid[];
    e2 tid[];
    e3 tid[];
    e4 tid[];
    found_any boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        changes := 'SELECT id, event_date, location_id, sub_event_type, fatalities, 1 AS sign '
                   'FROM new_rows WHERE deleted_at IS NULL';
    ELSIF TG_OP = 'DELETE' THEN
        changes := 'SELECT id, event_date, location_id, sub_event_type, fatalities, -1 AS sign '
                   'FROM old_rows WHERE deleted_at IS NULL';
    ELSE
        -- only the rows whose counted fields or liveness changed (a review or a note edit changes nothing here)
        changes := $q$
            SELECT x.* FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (
                SELECT o.id, o.event_date, o.location_id, o.sub_event_type, o.fatalities, -1 AS sign
                WHERE o.deleted_at IS NULL
                UNION ALL
                SELECT n.id, n.event_date, n.location_id, n.sub_event_type, n.fatalities, 1
                WHERE n.deleted_at IS NULL
            ) x
            WHERE (o.event_date, o.location_id, o.sub_event_type, o.fatalities, o.deleted_at IS NULL)
                  IS DISTINCT FROM (n.event_date, n.location_id, n.sub_event_type, n.fatalities, n.deleted_at IS NULL)
        $q$;
    END IF;
    -- the cheap questions first: most single-row writes (a note, a review, a new event) stop at one of them
    EXECUTE format('SELECT EXISTS (%s)', changes) INTO found_any;
    IF NOT found_any THEN
        RETURN NULL;
    END IF;
    EXECUTE stats_apply_sql(ARRAY['stats_events_daily', 'stats_events_monthly', 'stats_events_yearly',
                                  'stats_types_monthly'], stats_event_delta_sql(changes)) INTO e1, e2, e3, e4;
    PERFORM stats_drop_emptied('stats_events_daily', e1);
    PERFORM stats_drop_emptied('stats_events_monthly', e2);
    PERFORM stats_drop_emptied('stats_events_yearly', e3);
    PERFORM stats_drop_emptied('stats_types_monthly', e4);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM event_actors WHERE event_id IN (SELECT id FROM (%s) c))', changes)
        INTO found_any;
    IF found_any THEN
        EXECUTE stats_apply_sql(ARRAY['stats_actors_daily', 'stats_actors_yearly'],
                                stats_event_actor_delta_sql(changes)) INTO e1, e2;
        PERFORM stats_drop_emptied('stats_actors_daily', e1);
        PERFORM stats_drop_emptied('stats_actors_yearly', e2);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_event_actors_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pairs text;
    e1 tid[];
    e2 tid[];
BEGIN
    -- a statement that changed no row (clearing the links of a new event) has nothing to count
    IF TG_OP = 'DELETE' THEN
        PERFORM FROM old_rows LIMIT 1;
    ELSE
        PERFORM FROM new_rows LIMIT 1;
    END IF;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        pairs := 'SELECT event_id, actor_id, 1 AS sign FROM new_rows';
    ELSIF TG_OP = 'DELETE' THEN
        pairs := 'SELECT event_id, actor_id, -1 AS sign FROM old_rows';
    ELSE
        -- an update that moves no link (the event date copied to the links) counts nothing
        PERFORM FROM old_rows o FULL JOIN new_rows n ON (n.event_id, n.actor_id, n.role) = (o.event_id, o.actor_id, o.role)
        WHERE o.event_id IS NULL OR n.event_id IS NULL LIMIT 1;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
        pairs := 'SELECT event_id, actor_id, -1 AS sign FROM old_rows '
                 'UNION ALL SELECT event_id, actor_id, 1 FROM new_rows';
    END IF;
    EXECUTE stats_apply_sql(ARRAY['stats_actors_daily', 'stats_actors_yearly'], stats_link_delta_sql(pairs))
        INTO e1, e2;
    PERFORM stats_drop_emptied('stats_actors_daily', e1);
    PERFORM stats_drop_emptied('stats_actors_yearly', e2);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_truncate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'events' THEN
        DELETE FROM stats_events_daily;
        DELETE FROM stats_events_monthly;
        DELETE FROM stats_events_yearly;
        DELETE FROM stats_types_monthly;
    END IF;
    DELETE FROM stats_actors_daily;
    DELETE FROM stats_actors_yearly;
    RETURN NULL;
END $$;

-- Backfill from the daily rollups (the ALTER TABLEs above hold events and event_actors locked: no write slips in).
INSERT INTO stats_events_monthly (event_date, iso3, country, event_type, sub_event_type, disorder_type, events,
                                  fatalities)
SELECT date_trunc('month', event_date)::date, iso3, country, event_type, sub_event_type, disorder_type,
       sum(events), sum(fatalities)
FROM stats_events_daily GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO stats_events_yearly (event_date, iso3, country, event_type, sub_event_type, disorder_type, events,
                                 fatalities)
SELECT date_trunc('year', event_date)::date, iso3, country, event_type, sub_event_type, disorder_type,
       sum(events), sum(fatalities)
FROM stats_events_monthly GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO stats_types_monthly (event_date, event_type, sub_event_type, disorder_type, events, fatalities)
SELECT event_date, event_type, sub_event_type, disorder_type, sum(events), sum(fatalities)
FROM stats_events_monthly GROUP BY 1, 2, 3, 4;
INSERT INTO stats_actors_yearly (event_date, actor_id, events, fatalities)
SELECT date_trunc('year', event_date)::date, actor_id, sum(events), sum(fatalities)
FROM stats_actors_daily GROUP BY 1, 2;

ANALYZE event_actors, events, stats_events_monthly, stats_events_yearly, stats_types_monthly, stats_actors_yearly;
