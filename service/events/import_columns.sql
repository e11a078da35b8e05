-- Statements for the bulk import (service/imports/), which keeps its own queries: the stored columns of
-- sql/009_fast_paths.sql for the events an import created or changed. Load with db.load_queries.

-- name: refresh_imported_search --
-- The search documents (notes, place, actor names) of every event the import touched, in one set-based
-- statement. Run it after link_imported_actors, in the import's transaction (inside the bulk block, before the
-- indexes are rebuilt, when there is one).
SELECT refresh_event_search(ARRAY(SELECT event_id FROM import_touched)) AS refreshed;
