-- v_articles: the latest version of every article, with its metadata (one row per source).
CREATE OR REPLACE VIEW v_articles AS
SELECT
    a.article_id,
    a.source,
    a.version,
    a.title,
    a.publisher,
    a.author,
    a.reviewed_by,
    a.published,
    a.modified,
    a.language,
    a.canonical_url,
    a.format,
    a.word_count,
    a.content_hash,
    a.ingested_at,
    a.run_id,
    a.text
FROM articles AS a
QUALIFY row_number() OVER (PARTITION BY a.source ORDER BY a.version DESC) = 1;
