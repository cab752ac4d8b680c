-- v_analysis_findings: every editor-facing finding (conflicts, omissions, deviations) with its
-- severity and an evidence hash; a finding's id is stable across runs, its evidence hash changes
-- when any quoted source changes.
CREATE OR REPLACE VIEW v_analysis_findings AS
WITH unioned AS (
    SELECT finding_id, type, grade, topic, topic_label, concept, concept_label, summary, sources,
           CASE WHEN grade = 'contradiction' THEN 'critical' ELSE 'high' END AS severity
    FROM mart_escalation_conflicts
    UNION ALL BY NAME
    SELECT finding_id, type, grade, topic, topic_label, concept, concept_label, summary, sources,
           'critical' AS severity
    FROM mart_omissions
    UNION ALL BY NAME
    SELECT finding_id, type, grade, topic, topic_label, concept, concept_label, summary, sources,
           'critical' AS severity
    FROM mart_reference_deviations
    UNION ALL BY NAME
    SELECT finding_id, type, grade, topic, topic_label, concept, concept_label, summary, sources,
           CASE WHEN about_red_flag THEN 'high' ELSE 'medium' END AS severity
    FROM mart_polarity_conflicts
    UNION ALL BY NAME
    SELECT finding_id, type, grade, topic, topic_label, concept, concept_label, summary, sources,
           'high' AS severity
    FROM mart_advice_conflicts
    UNION ALL BY NAME
    SELECT finding_id, type, grade, topic, topic_label, concept, concept_label, summary, sources,
           CASE WHEN grade = 'contradiction' THEN 'medium' ELSE 'low' END AS severity
    FROM mart_timing_conflicts
)
SELECT
    * REPLACE (coalesce(summary, type || ' in ' || topic_label || ': ' || coalesce(concept_label, concept)) AS summary),
    CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END AS severity_rank,
    CASE type WHEN 'reference_deviation' THEN 0 WHEN 'omission' THEN 1 WHEN 'escalation_conflict' THEN 2
              WHEN 'advice_conflict' THEN 3 WHEN 'polarity_conflict' THEN 4 ELSE 5 END AS type_rank,
    md5(CAST(to_json(sources) AS VARCHAR)) AS evidence_hash
FROM unioned;

-- v_findings_status: each analysis finding with the editor's latest decision. A decision made on
-- other evidence no longer holds: the finding is "evidence_changed" and back in the queue.
CREATE OR REPLACE VIEW v_findings_status AS
WITH latest AS (
    SELECT * FROM reviews
    QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY reviewed_at DESC) = 1
)
SELECT
    a.*,
    CASE
        WHEN l.finding_id IS NULL THEN 'open'
        WHEN l.evidence_hash <> a.evidence_hash THEN 'evidence_changed'
        ELSE l.status
    END AS status,
    l.status      AS review_status,
    l.note        AS review_note,
    l.reviewer,
    l.reviewed_at
FROM v_analysis_findings AS a
LEFT JOIN latest AS l USING (finding_id);

-- v_review_queue: what editors still have to act on, most severe first.
CREATE OR REPLACE VIEW v_review_queue AS
SELECT finding_id, type, grade, severity, severity_rank, topic, topic_label, concept, concept_label,
       summary, status, len(sources) AS sources_count, sources
FROM v_findings_status
WHERE status IN ('open', 'evidence_changed')
ORDER BY severity_rank, type_rank, topic, concept;

-- v_contradictions: the conflict findings (windows, timings, advice, polarity), any status.
CREATE OR REPLACE VIEW v_contradictions AS
SELECT finding_id, type, grade, severity, topic, topic_label, concept, concept_label, summary,
       status, sources
FROM v_findings_status
WHERE type IN ('escalation_conflict', 'timing_conflict', 'advice_conflict', 'polarity_conflict')
ORDER BY severity_rank, type_rank, topic;
