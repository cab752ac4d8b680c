-- Ids of articles analysed before whose (id, source) is no longer a latest version: their topic
-- and reference rows are dropped by the next incremental analysis refresh.
SELECT DISTINCT d.article_id
FROM analysed_articles AS d
ANTI JOIN v_articles AS l ON l.article_id = d.article_id AND l.source = d.source
ORDER BY d.article_id;
