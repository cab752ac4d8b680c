-- check: quote_escalations
-- asserts: escalations.text equals substr(articles.text, start + 1, end - start), i.e. the quoted
-- evidence is exactly what the article says at those offsets (rows with offsets out of range
-- are left to offsets_escalations).
-- scope: run
SELECT x.escalation_id, x.article_id, x.start, x."end", x.text AS quoted,
       substr(a.text, x.start + 1, x."end" - x.start) AS at_offsets
FROM escalations AS x
JOIN articles AS a USING (article_id)
WHERE 0 <= x.start AND x.start < x."end" AND x."end" <= length(a.text)
  AND x.text IS DISTINCT FROM substr(a.text, x.start + 1, x."end" - x.start)
