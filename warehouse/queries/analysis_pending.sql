-- How many latest articles an analysis refresh would compute (analysis_profiles.sql over every
-- id, $1 as its $3: all of them when true): a few are done in one pass, not one per id range.
WITH latest AS (
    SELECT article_id, source FROM v_articles
), retired AS (
    SELECT d.article_id
    FROM analysed_articles AS d
    ANTI JOIN latest AS l ON l.article_id = d.article_id AND l.source = d.source
)
SELECT count(*) AS pending
FROM latest AS l
WHERE $1
   OR l.article_id IN (SELECT article_id FROM retired)
   OR NOT EXISTS (SELECT 1 FROM analysed_articles AS d
                  WHERE d.article_id = l.article_id AND d.source = l.source);
