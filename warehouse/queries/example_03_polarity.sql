-- question: Which concepts are negated by some source and affirmed by another, and what does
-- the negating sentence say?
SELECT n.kind, n.concept, n.concept_label,
       n.source AS negated_by, n.sentence AS negating_sentence,
       list(DISTINCT a.source ORDER BY a.source) AS affirmed_by
FROM v_findings AS n
JOIN v_findings AS a
  ON a.concept = n.concept AND a.kind = n.kind AND a.affirmed AND a.source <> n.source
WHERE n.negated
GROUP BY n.kind, n.concept, n.concept_label, n.source, n.sentence
ORDER BY n.concept, n.source;
