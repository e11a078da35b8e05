-- 002: what keeps each GET /events query shape fast at a million events (service/events/listing.py builds them).
-- Filters run on the base tables `events e JOIN locations l`; the page is cut there, and only its rows are read
-- from the event_records view.

-- q: full-text search over notes and evidence. Generated columns keep the vectors current on every write;
-- the configuration must match TEXT_SEARCH_CONFIG in listing.py.
ALTER TABLE events ADD COLUMN notes_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(notes, ''))) STORED;
CREATE INDEX events_notes_tsv_idx ON events USING gin (notes_tsv) WHERE deleted_at IS NULL;

ALTER TABLE event_sources ADD COLUMN evidence_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, evidence)) STORED;
CREATE INDEX event_sources_evidence_tsv_idx ON event_sources USING gin (evidence_tsv);

-- sort=fatalities and fatalities_min/max walk this in either direction (event_date and updated_at have theirs)
CREATE INDEX events_fatalities_idx ON events (fatalities DESC, id DESC) WHERE deleted_at IS NULL;

-- country, admin1, location, bbox, near: the matching places first, then their events by date. Its leading
-- column serves everything events_location_idx served.
CREATE INDEX events_location_date_idx ON events (location_id, event_date DESC, id DESC) WHERE deleted_at IS NULL;
DROP INDEX events_location_idx;

-- event_type / disorder_type and sub_event_type, newest first
CREATE INDEX events_event_type_date_idx ON events (event_type, event_date DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX events_sub_event_type_date_idx ON events (sub_event_type, event_date DESC, id DESC)
    WHERE deleted_at IS NULL;
DROP INDEX events_type_idx;

-- actor and inter: the events of a set of actors, from the index alone
CREATE INDEX event_actors_actor_event_idx ON event_actors (actor_id, role) INCLUDE (event_id);
DROP INDEX event_actors_actor_idx;

-- article_id: the events coded from an article, from the index alone
CREATE INDEX event_sources_article_event_idx ON event_sources (article_id) INCLUDE (event_id);
DROP INDEX event_sources_article_idx;

-- bbox and the near prefilter: `point(longitude, latitude) <@ box(...)` (built-in geometry, no extension)
CREATE INDEX locations_point_idx ON locations USING gist (point(longitude, latitude));
-- country uses locations_place_key (iso3 leads it); admin1 and location their lower() indexes from 001

-- updated_since reads events (tombstones included) by events_updated_idx (updated_at, id) from 001.
