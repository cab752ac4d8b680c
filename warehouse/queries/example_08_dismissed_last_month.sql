-- question: Which findings did editors dismiss in the last 30 days, and why (is the dismissal
-- still valid, or has the evidence changed since)?
SELECT
    r.reviewed_at, r.reviewer, r.note, s.finding_id, s.type, s.topic_label, s.summary,
    s.status AS current_status
FROM reviews AS r
JOIN v_findings_status AS s USING (finding_id)
WHERE r.status = 'dismissed' AND r.reviewed_at >= current_date - INTERVAL 30 DAY
ORDER BY r.reviewed_at DESC;
