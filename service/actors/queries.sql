-- name: actor_by_name --
-- An actor by exact name, case-insensitive.
SELECT id, name, aliases, inter, iso3 FROM actors WHERE lower(name) = lower(%(name)s);

-- name: insert_actor --
-- A new actor.
INSERT INTO actors (name, aliases, inter, iso3) VALUES (%(name)s, %(aliases)s, %(inter)s, %(iso3)s)
RETURNING id;

-- name: insert_actor_if_new --
-- A new actor unless one of that name exists (concurrent loaders); returns the id either way.
WITH ins AS (
    INSERT INTO actors (name, aliases, inter, iso3) VALUES (%(name)s, %(aliases)s, %(inter)s, %(iso3)s)
    ON CONFLICT (lower(name)) DO NOTHING RETURNING id
)
SELECT id, true AS created FROM ins
UNION ALL SELECT id, false FROM actors WHERE lower(name) = lower(%(name)s) LIMIT 1;

-- name: actor_record --
-- One actor with its event count and first/last event dates.
SELECT a.id, a.name, a.aliases, a.inter, a.iso3, a.version, a.created_at, a.updated_at,
       coalesce(s.events, 0) AS event_count, s.first_event_date, s.last_event_date
FROM actors a
LEFT JOIN LATERAL (
    -- the /stats rollups count each live event once per actor (sql/008, sql/009)
    SELECT (SELECT sum(y.events)::bigint FROM stats_actors_yearly y WHERE y.actor_id = a.id) AS events,
           (SELECT min(d.event_date) FROM stats_actors_daily d WHERE d.actor_id = a.id) AS first_event_date,
           (SELECT max(d.event_date) FROM stats_actors_daily d WHERE d.actor_id = a.id) AS last_event_date
) s ON true
WHERE a.id = %(id)s;

-- name: actor_for_update --
-- Lock an actor row before changing it.
SELECT id, version FROM actors WHERE id = %(id)s FOR UPDATE;

-- name: update_actor --
-- Replace an actor's fields and bump its version.
UPDATE actors SET name = %(name)s, aliases = %(aliases)s, inter = %(inter)s, iso3 = %(iso3)s,
    updated_at = now(), version = version + 1
WHERE id = %(id)s;

-- name: touch_actor_events --
-- Events show their actors' names: renaming an actor updates those events for syncing clients.
UPDATE events SET updated_at = now(), version = version + 1
WHERE deleted_at IS NULL AND id IN (SELECT event_id FROM event_actors WHERE actor_id = %(id)s);

-- name: refresh_actor_event_search --
-- The search documents of an actor's events hold its name (sql/009): recompute them after a rename.
SELECT refresh_event_search(ARRAY(SELECT event_id FROM event_actors WHERE actor_id = %(id)s));

-- name: actor_in_use --
-- How many events use an actor.
SELECT count(*) AS n FROM event_actors WHERE actor_id = %(id)s;

-- name: delete_actor --
-- Remove an actor that no event uses.
DELETE FROM actors WHERE id = %(id)s RETURNING id;

-- name: actor_exists --
-- Whether an actor id is known (its events may be none).
SELECT id FROM actors WHERE id = %(id)s;

-- name: actor_tracked --
-- The fields of an actor its audit trail follows.
SELECT name, aliases, inter, iso3 FROM actors WHERE id = %(id)s;

-- name: insert_actor_history --
-- One entry of an actor's audit trail, in the transaction of the change it records.
INSERT INTO actor_history (actor_id, action, cause, article_id, who, changes)
VALUES (%(actor_id)s, %(action)s, %(cause)s, %(article_id)s, %(who)s, %(changes)s);

-- name: actor_history --
-- An actor's audit trail, oldest first.
SELECT id, actor_id, at, action, cause, article_id, who, changes
FROM actor_history WHERE actor_id = %(id)s
ORDER BY id;
