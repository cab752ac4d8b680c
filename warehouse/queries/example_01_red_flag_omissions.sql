-- question: Which red flags does each source omit that at least two other sources state?
WITH stated AS (
    SELECT DISTINCT source, concept, concept_label
    FROM v_findings
    WHERE kind = 'red_flag' AND affirmed
),
common AS (
    SELECT concept, any_value(concept_label) AS concept_label, count(*) AS stated_by
    FROM stated
    GROUP BY concept
    HAVING count(*) >= 2
)
SELECT a.source, a.title, c.concept, c.concept_label, c.stated_by
FROM v_articles AS a
CROSS JOIN common AS c
WHERE NOT EXISTS (SELECT 1 FROM stated AS s WHERE s.source = a.source AND s.concept = c.concept)
ORDER BY a.source, c.stated_by DESC, c.concept;
