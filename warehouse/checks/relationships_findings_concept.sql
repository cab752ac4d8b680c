-- check: relationships_findings_concept
-- asserts: every findings.concept exists in concepts (the vocabulary refreshed each run), so
-- v_findings never shows a NULL concept_label.
SELECT f.finding_id, f.article_id, f.concept
FROM findings AS f
LEFT JOIN concepts AS c ON c.concept_id = f.concept
WHERE f.concept IS NOT NULL AND c.concept_id IS NULL
