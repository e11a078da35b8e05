-- name: article_record --
-- One article without its body.
SELECT id, title, outlet, url, published, published_precision, content_hash, created_at, updated_at
FROM articles WHERE id = %(id)s;
