-- check: offsets_sections
-- asserts: 0 <= start <= end <= length(articles.text) for every section (a heading with no
-- body may be empty, so start = end is allowed).
-- scope: run
SELECT s.article_id, s.ordinal, s.start, s."end", length(a.text) AS text_length
FROM sections AS s
JOIN articles AS a USING (article_id)
WHERE NOT (0 <= s.start AND s.start <= s."end" AND s."end" <= length(a.text))
