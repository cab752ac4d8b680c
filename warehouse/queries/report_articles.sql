-- Articles in the report: latest versions with their finding counts.
SELECT
    a.article_id, a.source, a.title, a.publisher, a.author, a.published, a.format,
    a.word_count, a.version, a.ingested_at,
    (SELECT count(*) FROM v_findings f WHERE f.article_id = a.article_id AND f.affirmed) AS findings,
    (SELECT count(*) FROM v_escalations e WHERE e.article_id = a.article_id)           AS escalations
FROM v_articles AS a
ORDER BY coalesce(a.title, a.source);
