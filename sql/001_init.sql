-- 001: the normalized incident store.
-- Articles are the evidence, actors and locations are shared reference rows, events tie them together.
-- The database guards itself: every rule a client could break is a constraint here, not only in Python.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ACLED's taxonomy: 6 event types, 25 sub-types; disorder_type follows from the event type.
CREATE TABLE event_types (
    sub_event_type text PRIMARY KEY,
    event_type     text NOT NULL,
    disorder_type  text NOT NULL,
    UNIQUE (event_type, sub_event_type)
);

INSERT INTO event_types (event_type, sub_event_type, disorder_type) VALUES
    ('Battles', 'Armed clash', 'Political violence'),
    ('Battles', 'Government regains territory', 'Political violence'),
    ('Battles', 'Non-state actor overtakes territory', 'Political violence'),
    ('Explosions/Remote violence', 'Chemical weapon', 'Political violence'),
    ('Explosions/Remote violence', 'Air/drone strike', 'Political violence'),
    ('Explosions/Remote violence', 'Suicide bomb', 'Political violence'),
    ('Explosions/Remote violence', 'Shelling/artillery/missile attack', 'Political violence'),
    ('Explosions/Remote violence', 'Remote explosive/landmine/IED', 'Political violence'),
    ('Explosions/Remote violence', 'Grenade', 'Political violence'),
    ('Violence against civilians', 'Sexual violence', 'Political violence'),
    ('Violence against civilians', 'Attack', 'Political violence'),
    ('Violence against civilians', 'Abduction/forced disappearance', 'Political violence'),
    ('Protests', 'Peaceful protest', 'Demonstrations'),
    ('Protests', 'Protest with intervention', 'Demonstrations'),
    ('Protests', 'Excessive force against protesters', 'Demonstrations'),
    ('Riots', 'Violent demonstration', 'Demonstrations'),
    ('Riots', 'Mob violence', 'Demonstrations'),
    ('Strategic developments', 'Agreement', 'Strategic developments'),
    ('Strategic developments', 'Arrests', 'Strategic developments'),
    ('Strategic developments', 'Change to group/activity', 'Strategic developments'),
    ('Strategic developments', 'Disrupted weapons use', 'Strategic developments'),
    ('Strategic developments', 'Headquarters or base established', 'Strategic developments'),
    ('Strategic developments', 'Looting/property destruction', 'Strategic developments'),
    ('Strategic developments', 'Non-violent transfer of territory', 'Strategic developments'),
    ('Strategic developments', 'Other', 'Strategic developments');

CREATE TABLE articles (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- what identifies "the same article" across edits: the URL, or file and headline for seed files
    source_key          text NOT NULL UNIQUE CHECK (btrim(source_key) <> ''),
    title               text NOT NULL CHECK (btrim(title) <> ''),
    body                text NOT NULL CHECK (btrim(body) <> ''),
    outlet              text,
    url                 text,
    published           date NOT NULL,
    published_precision smallint NOT NULL DEFAULT 1 CHECK (published_precision BETWEEN 1 AND 3),
    content_hash        text NOT NULL UNIQUE CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published_idx ON articles (published DESC, id DESC);

CREATE TABLE actors (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL CHECK (btrim(name) <> '' AND name = btrim(name)),
    aliases    text[] NOT NULL DEFAULT '{}',
    inter      smallint NOT NULL CHECK (inter BETWEEN 1 AND 8),
    iso3       char(3) CHECK (iso3 ~ '^[A-Z]{3}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX actors_name_key ON actors (lower(name));
CREATE INDEX actors_name_trgm_idx ON actors USING gin (lower(name) gin_trgm_ops);
CREATE INDEX actors_inter_idx ON actors (inter);

CREATE TABLE locations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3          char(3) NOT NULL CHECK (iso3 ~ '^[A-Z]{3}$'),
    country       text NOT NULL CHECK (btrim(country) <> ''),
    admin1        text,
    admin2        text,
    location      text NOT NULL CHECK (btrim(location) <> ''),
    latitude      double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision CHECK (longitude BETWEEN -180 AND 180),
    geo_precision smallint NOT NULL DEFAULT 1 CHECK (geo_precision BETWEEN 1 AND 3),
    CONSTRAINT locations_coordinates_paired CHECK ((latitude IS NULL) = (longitude IS NULL))
);
-- "a known place is reused": one row per named place within its country and admin units
CREATE UNIQUE INDEX locations_place_key
    ON locations (iso3, lower(coalesce(admin1, '')), lower(coalesce(admin2, '')), lower(location));
CREATE INDEX locations_country_idx ON locations (lower(country));
CREATE INDEX locations_admin1_idx ON locations (lower(admin1));
CREATE INDEX locations_location_idx ON locations (lower(location));
CREATE INDEX locations_coordinates_idx ON locations (latitude, longitude);

CREATE TABLE events (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_date         date NOT NULL,
    time_precision     smallint NOT NULL DEFAULT 1 CHECK (time_precision BETWEEN 1 AND 3),
    event_type         text NOT NULL,
    sub_event_type     text NOT NULL,
    location_id        bigint NOT NULL REFERENCES locations (id),
    fatalities         integer NOT NULL DEFAULT 0 CHECK (fatalities >= 0),
    civilian_targeting boolean NOT NULL DEFAULT false,
    notes              text,
    -- set by the loader: the same incident (day, place, type, actors) told again is linked, not duplicated
    dedup_key          text UNIQUE,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- a deleted event stays as a tombstone so that mirroring clients can see the deletion
    deleted_at         timestamptz,
    CONSTRAINT events_type_fkey FOREIGN KEY (event_type, sub_event_type)
        REFERENCES event_types (event_type, sub_event_type)
);
CREATE INDEX events_date_idx ON events (event_date DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX events_type_idx ON events (event_type, sub_event_type) WHERE deleted_at IS NULL;
CREATE INDEX events_location_idx ON events (location_id) WHERE deleted_at IS NULL;
CREATE INDEX events_updated_idx ON events (updated_at, id);

CREATE TABLE event_actors (
    event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id bigint NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    role     text NOT NULL CHECK (role IN ('actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2')),
    PRIMARY KEY (event_id, role, actor_id)
);
-- one main actor per side; associated actors may be several
CREATE UNIQUE INDEX event_actors_main_key ON event_actors (event_id, role) WHERE role IN ('actor1', 'actor2');
CREATE INDEX event_actors_actor_idx ON event_actors (actor_id, role);

CREATE TABLE event_sources (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    evidence     text NOT NULL CHECK (btrim(evidence) <> ''),
    start_offset integer CHECK (start_offset >= 0),
    end_offset   integer,
    confidence   real CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT event_sources_offsets CHECK (end_offset IS NULL OR end_offset >= start_offset),
    UNIQUE NULLS NOT DISTINCT (event_id, article_id, start_offset)
);
CREATE INDEX event_sources_article_idx ON event_sources (article_id);

-- The flat ACLED-style record that the API reads and filters.
CREATE VIEW event_records AS
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
        WHEN a2.inter IS NULL THEN a1.inter::text
        WHEN a1.inter IS NULL THEN a2.inter::text
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
