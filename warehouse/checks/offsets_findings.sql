-- check: offsets_findings
-- asserts: 0 <= start < end <= length(articles.text) for every findings row (offsets are
-- character positions into the stored article text).
-- scope: run
SELECT x.finding_id, x.article_id, x.start, x."end", length(a.text) AS text_length
FROM findings AS x
JOIN articles AS a USING (article_id)
WHERE NOT (0 <= x.start AND x.start < x."end" AND x."end" <= length(a.text))
