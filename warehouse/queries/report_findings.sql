-- Analysis findings with their review status, most severe first.
SELECT finding_id AS id, type, grade, topic, topic_label, concept, concept_label, severity,
       status, review_note, reviewer, reviewed_at, summary, sources
FROM v_findings_status
ORDER BY severity_rank, type_rank, topic, concept, finding_id;
