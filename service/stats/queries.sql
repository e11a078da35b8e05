-- name: stats --
-- Event and fatality counts per group (and period). A psycopg sql.SQL template: the stats module fills its
-- named fields with identifiers and fragments, the filter parameters are bound at execution. Groups past
-- `top` fold into one "other" row; periods with no events still appear; beyond the row limit only the
-- size comes back.
WITH base AS (
    SELECT {columns}, {measures}
    FROM {from_} {joins}
    WHERE {where}
    {group_by}
),
ranked AS (
    SELECT *, dense_rank() OVER (ORDER BY group_events DESC, group_fatalities DESC{rank_keys}) AS grp
    FROM (SELECT *, sum(events) OVER w AS group_events, sum(fatalities) OVER w AS group_fatalities
          FROM base WINDOW w AS ({partition})) sized
),
buckets AS (
    SELECT {bucket_period} {folded} AS grp, sum(events)::bigint AS events, sum(fatalities)::bigint AS fatalities
    FROM ranked GROUP BY {bucket_group}
),
groups AS ({groups}){periods},
size AS (SELECT {size} AS bucket_count)
SELECT size.bucket_count, r.*
FROM size LEFT JOIN LATERAL (
    SELECT {selected}, coalesce(g.grp > {top}, false) AS other,
           coalesce(b.events, 0) AS events, coalesce(b.fatalities, 0) AS fatalities
    FROM {source}
    WHERE size.bucket_count <= {max_rows}
) r ON true
ORDER BY {order}
