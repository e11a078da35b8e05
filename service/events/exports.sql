-- name: csv_export --
-- The rows of an export query (listing.py export_query: records in order, each with `sources`) as ACLED's CSV
-- columns (formats.py CSV_COLUMNS), written by the server: what formats.csv_row gives, cell for cell. Empty text
-- is NULL here, which COPY writes as an empty cell as Python's csv does ('' would be written ""); a float is
-- written as Python writes it (shortest digits, and ".0" after a whole number); the rows end in "\n", which
-- exports.py turns into csv's "\r\n".
COPY (
SELECT coalesce(nullif(q.external_id, ''), q.iso3 || q.id::text),
       to_char(q.event_date, 'YYYY-MM-DD'), extract(year FROM q.event_date)::int, q.time_precision,
       nullif(q.disorder_type, ''), nullif(q.event_type, ''), nullif(q.sub_event_type, ''),
       nullif(q.actor1, ''), nullif(q.assoc_actor_1, ''), q.inter1,
       nullif(q.actor2, ''), nullif(q.assoc_actor_2, ''), q.inter2, nullif(q.interaction, ''),
       CASE WHEN q.civilian_targeting THEN 'Civilian targeting' END,
       coalesce((%(iso_numeric)s::jsonb ->> q.iso3::text)::int, 0), NULL,
       nullif(q.country, ''), nullif(q.admin1, ''), nullif(q.admin2, ''), NULL, nullif(q.location, ''),
       CASE WHEN q.latitude::text ~ '[.en]' THEN q.latitude::text ELSE q.latitude::text || '.0' END,
       CASE WHEN q.longitude::text ~ '[.en]' THEN q.longitude::text ELSE q.longitude::text || '.0' END,
       q.geo_precision,
       -- the outlets of the evidence, each once, in the evidence's order; else the imported file's source
       coalesce(CASE WHEN q.sources::text <> '[]' THEN (
                    SELECT string_agg(o.outlet, '; ' ORDER BY o.first)
                    FROM (SELECT s.item ->> 'outlet' AS outlet, min(s.n) AS first
                          FROM json_array_elements(q.sources) WITH ORDINALITY AS s (item, n)
                          WHERE coalesce(s.item ->> 'outlet', '') <> '' GROUP BY 1) o) END,
                nullif(q.source_text, '')),
       NULL, nullif(q.notes, ''), q.fatalities, NULL, trunc(extract(epoch FROM q.updated_at))::bigint
FROM ({query}) q
) TO STDOUT (FORMAT csv)
