-- 006: API keys for writes, idempotent POSTs, per-key write rate windows, and the actors' audit trail.

-- A key is shown once, when it is created (`eventsvc keys create`); only its SHA-256 is kept. Keys are random
-- (256 bits), so a plain digest is as good as a slow hash here and lets a request find its key by index.
CREATE TABLE api_keys (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (btrim(name) <> '' AND length(name) <= 200),
    -- read: reads when REQUIRE_READ_KEY=1; write: also creates and changes; admin: also deletes
    scope      text NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    key_hash   bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    -- the first characters of the key, so that `keys list` can tell keys apart without holding them
    prefix     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_used_at timestamptz
);

-- Idempotency-Key on a POST: the first request's response, replayed for the same key and body. The row is
-- written by the transaction of the write itself, so a racing twin waits on the primary key and then replays.
CREATE TABLE idempotency_keys (
    api_key_id   bigint NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash bytea NOT NULL,
    status       integer,
    headers      jsonb NOT NULL DEFAULT '{}',
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_key_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Writes per key and minute, for the per-key write rate limit (429 with Retry-After).
CREATE TABLE api_key_windows (
    api_key_id   bigint NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    window_start timestamptz NOT NULL,
    writes       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (api_key_id, window_start)
);

-- The actors' audit trail, as event_history is the events'. Actors are deleted for real, so actor_id is not a
-- reference: the history of a deleted actor stays readable.
CREATE TABLE actor_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id   bigint NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    action     text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    cause      text NOT NULL CHECK (cause IN ('api', 'article', 'review')),
    article_id bigint REFERENCES articles (id) ON DELETE SET NULL,
    who        text CHECK (who IS NULL OR (btrim(who) <> '' AND length(who) <= 200)),
    changes    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object')
);
CREATE INDEX actor_history_actor_idx ON actor_history (actor_id, id);
