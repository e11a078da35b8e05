-- 008: GET /stats from daily rollups that every write keeps exact (service/stats/rollups.py reads them).
--
-- stats_events_daily: live events (deleted_at IS NULL) per day, place (iso3, country name, admin1) and sub-event
--   type; event_type and disorder_type follow from the sub-type (event_types) and are stored for grouping.
-- stats_actors_daily: live events per day, actor and iso3, an event counting once per distinct actor (whatever
--   roles the actor holds in it), as GET /stats?group_by=actor counts them.
--
-- Statement-level AFTER triggers with transition tables keep both exact: each subtracts the contribution of the
-- old rows and adds that of the new rows, grouped in one statement, upserted in key order (so that two
-- statements touching the same rollup rows lock them in the same order: they wait, never deadlock on each
-- other), and deletes the rows whose count reaches 0. Row locks are held to commit: writers of the same day,
-- place and type (or day, actor and country) take turns. Two multi-statement transactions can still take the
-- same rows in different statements in opposite orders (say, two PATCHes swapping the same two actors on one
-- day): PostgreSQL then aborts one of them with a deadlock error, as for two transactions updating two events.
-- The triggers on `events` read event_actors as it is (an events statement does not change it); those on
-- `event_actors` read events as they are. Bulk imports (service/imports/bulk.py) set indexes and foreign keys
-- aside, never triggers.
--
-- Assumptions, stated where they would matter:
-- * A location's iso3, country and admin1 do not change (the code never updates them). If they did, the rollup
--   rows of that place's events would keep the old values: /stats would answer for the old place until the
--   rollups are rebuilt (truncate them and run the two backfill statements below again).
-- * event_types is fixed (ACLED's taxonomy): a changed disorder_type would not reach rows already counted.
-- * events.id is GENERATED ALWAYS and never updated: an UPDATE's old and new rows pair up by id.

CREATE TABLE stats_events_daily (
    event_date     date NOT NULL,
    iso3           char(3) NOT NULL,
    country        text NOT NULL,
    admin1         text,
    event_type     text NOT NULL,
    sub_event_type text NOT NULL,
    disorder_type  text NOT NULL,
    -- no CHECK (>= 0): an upsert checks the row it proposes (a negative delta) before it meets the conflict
    events         bigint NOT NULL,
    fatalities     bigint NOT NULL,
    CONSTRAINT stats_events_daily_key UNIQUE NULLS NOT DISTINCT (event_date, iso3, country, admin1, sub_event_type)
);
-- the country filters (iso3 leads the unique key only after the date): a country's rows over a range
CREATE INDEX stats_events_daily_iso3_idx ON stats_events_daily (iso3, event_date);

CREATE TABLE stats_actors_daily (
    event_date date NOT NULL,
    actor_id   bigint NOT NULL,
    iso3       char(3) NOT NULL,
    events     bigint NOT NULL,
    fatalities bigint NOT NULL,
    PRIMARY KEY (event_date, actor_id, iso3)
);
CREATE INDEX stats_actors_daily_iso3_idx ON stats_actors_daily (iso3, event_date);

-- The triggers' statements, as text: a trigger can name only the transition tables of its own event, and only in
-- statements it runs itself (not in functions it calls), so each trigger builds its statements from these
-- pieces and EXECUTEs them.

-- Upsert the rows of `delta` (a query giving the table's key columns, then events and fatalities) into the rollup
-- in key order, adding to the counts; the answer is the ctids of the rows left with 0 events, for
-- stats_drop_emptied.
CREATE FUNCTION stats_upsert_sql(rollup text, delta text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT CASE rollup
    WHEN 'stats_events_daily' THEN format($q$
        WITH d AS (%s), up AS (
            INSERT INTO stats_events_daily AS s (event_date, iso3, country, admin1, event_type, sub_event_type,
                                                 disorder_type, events, fatalities)
            SELECT d.event_date, d.iso3, d.country, d.admin1, t.event_type, d.sub_event_type, t.disorder_type,
                   d.events, d.fatalities
            FROM d JOIN event_types t ON t.sub_event_type = d.sub_event_type
            WHERE d.events <> 0 OR d.fatalities <> 0
            ORDER BY d.event_date, d.iso3, d.country, d.admin1, d.sub_event_type
            ON CONFLICT ON CONSTRAINT stats_events_daily_key DO UPDATE
                SET events = s.events + excluded.events, fatalities = s.fatalities + excluded.fatalities
            RETURNING s.ctid, s.events
        )
        SELECT array_agg(ctid) FILTER (WHERE events = 0) FROM up$q$, delta)
    WHEN 'stats_actors_daily' THEN format($q$
        WITH d AS (%s), up AS (
            INSERT INTO stats_actors_daily AS s (event_date, actor_id, iso3, events, fatalities)
            SELECT d.event_date, d.actor_id, d.iso3, d.events, d.fatalities FROM d
            WHERE d.events <> 0 OR d.fatalities <> 0
            ORDER BY d.event_date, d.actor_id, d.iso3
            ON CONFLICT (event_date, actor_id, iso3) DO UPDATE
                SET events = s.events + excluded.events, fatalities = s.fatalities + excluded.fatalities
            RETURNING s.ctid, s.events
        )
        SELECT array_agg(ctid) FILTER (WHERE events = 0) FROM up$q$, delta)
    END
$f$;

-- The rows that reached 0 events go: a rollup holds only what some live event contributes. The upsert holds
-- their locks, so no other transaction has counted into them meanwhile.
CREATE FUNCTION stats_drop_emptied(rollup regclass, emptied tid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF emptied IS NOT NULL THEN
        EXECUTE format('DELETE FROM %s WHERE ctid = ANY ($1)', rollup) USING emptied;
    END IF;
END $$;

-- `changes`: a query over an events transition table giving (id, event_date, location_id, sub_event_type,
-- fatalities, sign) for live rows, sign -1 for an old row and +1 for a new one.
CREATE FUNCTION stats_event_delta_sql(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT format($q$
        WITH c AS (%s)
        SELECT c.event_date, l.iso3, l.country, l.admin1, c.sub_event_type,
               sum(c.sign) AS events, sum(c.sign * c.fatalities) AS fatalities
        FROM c JOIN locations l ON l.id = c.location_id
        GROUP BY 1, 2, 3, 4, 5$q$, changes)
$f$;

-- The same changes once per distinct actor linked to the event now (an events statement leaves event_actors as
-- it was).
CREATE FUNCTION stats_event_actor_delta_sql(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT format($q$
        WITH c AS (%s),
        linked AS (SELECT DISTINCT ea.event_id, ea.actor_id FROM event_actors ea
                   WHERE ea.event_id IN (SELECT id FROM c))
        SELECT c.event_date, a.actor_id, l.iso3, sum(c.sign) AS events, sum(c.sign * c.fatalities) AS fatalities
        FROM c JOIN linked a ON a.event_id = c.id JOIN locations l ON l.id = c.location_id
        GROUP BY 1, 2, 3$q$, changes)
$f$;

-- `pairs`: a query over an event_actors transition table giving (event_id, actor_id, sign) per changed row. An
-- (event, actor) pair counts when it has at least one row, so its contribution changes only when its row count
-- goes from 0 to more or back; the count before the statement is the count now minus the statement's net change.
-- The event is read as it is (an event_actors statement leaves events as they were).
CREATE FUNCTION stats_link_delta_sql(pairs text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT format($q$
        WITH p AS (
            SELECT event_id, actor_id, sum(sign) AS added FROM (%s) x GROUP BY 1, 2 HAVING sum(sign) <> 0
        ), now_linked AS (
            SELECT ea.event_id, ea.actor_id, count(*) AS n FROM event_actors ea
            WHERE ea.event_id IN (SELECT event_id FROM p) GROUP BY 1, 2
        ), flips AS (
            SELECT p.event_id, p.actor_id,
                   (coalesce(k.n, 0) > 0)::int - (coalesce(k.n, 0) - p.added > 0)::int AS sign
            FROM p LEFT JOIN now_linked k ON k.event_id = p.event_id AND k.actor_id = p.actor_id
        )
        SELECT e.event_date, f.actor_id, l.iso3, sum(f.sign) AS events, sum(f.sign * e.fatalities) AS fatalities
        FROM flips f JOIN events e ON e.id = f.event_id AND e.deleted_at IS NULL
        JOIN locations l ON l.id = e.location_id
        WHERE f.sign <> 0
        GROUP BY 1, 2, 3$q$, pairs)
$f$;

CREATE FUNCTION stats_events_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes text;
    emptied tid[];
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
    EXECUTE stats_upsert_sql('stats_events_daily', stats_event_delta_sql(changes)) INTO emptied;
    PERFORM stats_drop_emptied('stats_events_daily', emptied);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM event_actors WHERE event_id IN (SELECT id FROM (%s) c))', changes)
        INTO found_any;
    IF found_any THEN
        EXECUTE stats_upsert_sql('stats_actors_daily', stats_event_actor_delta_sql(changes)) INTO emptied;
        PERFORM stats_drop_emptied('stats_actors_daily', emptied);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION stats_event_actors_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pairs text;
    emptied tid[];
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
        pairs := 'SELECT event_id, actor_id, -1 AS sign FROM old_rows '
                 'UNION ALL SELECT event_id, actor_id, 1 FROM new_rows';
    END IF;
    EXECUTE stats_upsert_sql('stats_actors_daily', stats_link_delta_sql(pairs)) INTO emptied;
    PERFORM stats_drop_emptied('stats_actors_daily', emptied);
    RETURN NULL;
END $$;

-- A hard DELETE of events (never done by the service: it keeps tombstones) cascades to event_actors only after
-- the events are gone, when their actor rows could no longer be counted off: unlink them first, while the
-- event is still there.
CREATE FUNCTION stats_unlink_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_actors WHERE event_id = OLD.id;
    RETURN OLD;
END $$;

-- TRUNCATE fires no DELETE trigger: an emptied table leaves nothing to count.
CREATE FUNCTION stats_truncate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'events' THEN
        DELETE FROM stats_events_daily;
    END IF;
    DELETE FROM stats_actors_daily;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_events_insert AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_trigger();
CREATE TRIGGER stats_events_update AFTER UPDATE ON events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_trigger();
CREATE TRIGGER stats_events_delete AFTER DELETE ON events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_trigger();
CREATE TRIGGER stats_events_unlink BEFORE DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION stats_unlink_before_delete();
CREATE TRIGGER stats_events_truncate AFTER TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION stats_truncate_trigger();

CREATE TRIGGER stats_event_actors_insert AFTER INSERT ON event_actors
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_event_actors_trigger();
CREATE TRIGGER stats_event_actors_update AFTER UPDATE ON event_actors
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_event_actors_trigger();
CREATE TRIGGER stats_event_actors_delete AFTER DELETE ON event_actors
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_event_actors_trigger();
CREATE TRIGGER stats_event_actors_truncate AFTER TRUNCATE ON event_actors
    FOR EACH STATEMENT EXECUTE FUNCTION stats_truncate_trigger();

-- Backfill from the events already stored (the table is locked by the triggers' creation above, so no write
-- slips between the count and the triggers).
INSERT INTO stats_events_daily (event_date, iso3, country, admin1, event_type, sub_event_type, disorder_type,
                                events, fatalities)
SELECT e.event_date, l.iso3, l.country, l.admin1, t.event_type, e.sub_event_type, t.disorder_type,
       count(*), sum(e.fatalities)
FROM events e JOIN locations l ON l.id = e.location_id JOIN event_types t ON t.sub_event_type = e.sub_event_type
WHERE e.deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO stats_actors_daily (event_date, actor_id, iso3, events, fatalities)
SELECT e.event_date, ea.actor_id, l.iso3, count(*), sum(e.fatalities)
FROM (SELECT DISTINCT event_id, actor_id FROM event_actors) ea
JOIN events e ON e.id = ea.event_id JOIN locations l ON l.id = e.location_id
WHERE e.deleted_at IS NULL
GROUP BY 1, 2, 3;

ANALYZE stats_events_daily, stats_actors_daily;
