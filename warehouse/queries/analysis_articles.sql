-- Inputs for topic assignment and reference matching: latest articles.
SELECT article_id, source, title, publisher, canonical_url FROM v_articles ORDER BY source;
