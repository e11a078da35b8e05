-- 003: GET /actors?q= finds actors by name or alias, typo-tolerant (service/actors/listing.py).
-- The name and every alias as one lowercase text, so that a single trigram index answers
-- `q <% actor_search_text(name, aliases)` (word similarity) for names and aliases at once.
-- array_to_string is only STABLE (it calls the elements' output function); for text[] the result cannot change,
-- which is what lets this wrapper be IMMUTABLE and indexable.
CREATE FUNCTION actor_search_text(name text, aliases text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower($1 || ' ' || array_to_string($2, ' ')) $$;

CREATE INDEX actors_search_trgm_idx ON actors USING gin (actor_search_text(name, aliases) gin_trgm_ops);
