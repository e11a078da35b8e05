-- name: insert_api_key --
-- A new API key: its name, scope, digest and displayable prefix (the key itself is never stored).
INSERT INTO api_keys (name, scope, key_hash, prefix) VALUES (%(name)s, %(scope)s, %(key_hash)s, %(prefix)s)
RETURNING id, name, scope, prefix, created_at, revoked_at, last_used_at;

-- name: api_keys --
-- Every key, live ones first, newest first within each group.
SELECT id, name, scope, prefix, created_at, revoked_at, last_used_at FROM api_keys
ORDER BY revoked_at IS NOT NULL, id DESC;

-- name: revoke_api_key --
-- Revoke a live key by id when the reference is all digits, else by name (names are never all digits); returns
-- nothing when there is none.
UPDATE api_keys SET revoked_at = now()
WHERE revoked_at IS NULL AND CASE WHEN %(by_id)s THEN id::text = %(ref)s ELSE name = %(ref)s END
RETURNING id, name, scope, prefix, created_at, revoked_at, last_used_at;

-- name: live_admin_keys --
-- How many admin keys can be used (eventsvc up makes one on first start when there is none).
SELECT count(*) AS n FROM api_keys WHERE scope = 'admin' AND revoked_at IS NULL;

-- name: api_key_by_hash --
-- The live key with this digest.
SELECT id, name, scope, last_used_at < now() - interval '1 minute' OR last_used_at IS NULL AS stale_use
FROM api_keys WHERE key_hash = %(key_hash)s AND revoked_at IS NULL;

-- name: touch_api_key --
-- When a key was last used, to the minute (written at most once a minute per key).
UPDATE api_keys SET last_used_at = now() WHERE id = %(id)s;

-- name: count_write --
-- One more write in this key's current window: the minute that began with the key's first write after the last
-- window ended (not a clock minute, so that a burst is never split in two by the clock); returns the count so
-- far and the seconds left in the window.
WITH current AS (
    SELECT window_start FROM api_key_windows
    WHERE api_key_id = %(id)s AND window_start > now() - interval '1 minute'
    ORDER BY window_start DESC LIMIT 1
    FOR UPDATE
), bumped AS (
    UPDATE api_key_windows w SET writes = w.writes + 1 FROM current c
    WHERE w.api_key_id = %(id)s AND w.window_start = c.window_start
    RETURNING w.writes, w.window_start
), fresh AS (
    INSERT INTO api_key_windows AS w (api_key_id, window_start, writes)
    SELECT %(id)s, now(), 1 WHERE NOT EXISTS (SELECT 1 FROM current)
    ON CONFLICT (api_key_id, window_start) DO UPDATE SET writes = w.writes + 1
    RETURNING w.writes, w.window_start
)
SELECT writes, ceil(extract(epoch FROM (window_start + interval '1 minute' - now())))::int AS seconds_left
FROM (SELECT * FROM bumped UNION ALL SELECT * FROM fresh) x;

-- name: forget_old_windows --
-- Rate windows that have ended are no longer needed.
DELETE FROM api_key_windows WHERE api_key_id = %(id)s AND window_start <= now() - interval '1 minute';

-- name: claim_idempotency_key --
-- Claim a key for this request: a new key, or one whose first use is more than 24 hours old. A concurrent request
-- holding the same key makes this wait until it commits (then nothing is returned and its response is replayed).
INSERT INTO idempotency_keys AS k (api_key_id, key, request_hash)
VALUES (%(api_key_id)s, %(key)s, %(request_hash)s)
ON CONFLICT (api_key_id, key) DO UPDATE
    SET request_hash = excluded.request_hash, status = NULL, headers = '{}', body = NULL, created_at = now()
    WHERE k.created_at < now() - interval '24 hours'
RETURNING true AS claimed;

-- name: idempotency_key --
-- A key's first request and response.
SELECT request_hash, status, headers, body FROM idempotency_keys WHERE api_key_id = %(api_key_id)s AND key = %(key)s;

-- name: store_idempotent_response --
-- The response to replay for a claimed key.
UPDATE idempotency_keys SET status = %(status)s, headers = %(headers)s, body = %(body)s
WHERE api_key_id = %(api_key_id)s AND key = %(key)s;

-- name: forget_expired_idempotency_keys --
-- Keys older than 24 hours are no longer replayed.
DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
