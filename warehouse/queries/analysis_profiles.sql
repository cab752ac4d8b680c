-- One row per latest article whose id starts with a hex digit in [$1, $2] (ids are content-hash
-- hex): its metadata, section headings (in order) and the concepts it affirms (sorted), for topic
-- assignment and reference matching. Run once per id range so that the aggregation over
-- sections and findings holds one slice of the warehouse at a time, not all of it.
-- $3 false: only the articles whose inputs are not current (concord_analysis_pending, 090_macros.sql).
WITH pending AS (
    SELECT * FROM concord_analysis_pending($3)
    WHERE left(article_id, 1) BETWEEN $1 AND $2
), headings AS (
    SELECT s.article_id, list(s.heading ORDER BY s.ordinal) AS headings
    FROM sections AS s
    WHERE left(s.article_id, 1) BETWEEN $1 AND $2 AND s.heading IS NOT NULL
      AND s.article_id IN (SELECT article_id FROM pending)
    GROUP BY s.article_id
), concepts AS (
    SELECT f.article_id, list_sort(list(DISTINCT f.concept)) AS concepts
    FROM v_findings AS f
    WHERE left(f.article_id, 1) BETWEEN $1 AND $2 AND f.affirmed
      AND f.article_id IN (SELECT article_id FROM pending)
    GROUP BY f.article_id
)
SELECT a.article_id, a.source, a.title, a.publisher, a.canonical_url,
       coalesce(h.headings, []::VARCHAR[]) AS headings,
       coalesce(c.concepts, []::VARCHAR[]) AS concepts
FROM pending AS a
LEFT JOIN headings AS h USING (article_id)
LEFT JOIN concepts AS c USING (article_id);
