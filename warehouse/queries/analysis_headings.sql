-- Section headings of latest articles (topic assignment reads them).
SELECT s.article_id, s.heading FROM sections AS s JOIN v_articles USING (article_id)
WHERE s.heading IS NOT NULL ORDER BY s.article_id, s.ordinal;
