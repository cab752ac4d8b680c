-- question: What are the three causes each source mentions most often?
SELECT source, concept, concept_label, count(*) AS mentions
FROM v_findings
WHERE kind = 'cause' AND affirmed
GROUP BY source, concept, concept_label
QUALIFY row_number() OVER (PARTITION BY source ORDER BY count(*) DESC, concept) <= 3
ORDER BY source, mentions DESC, concept;
