-- question: Which articles give an escalation window longer than the median window of their
-- topic (for the same kind of action)?
WITH windows AS (
    SELECT topic, topic_label, action_group, source, article_title,
           coalesce(max_days, min_days) AS days, text
    FROM v_topic_escalations
),
medians AS (
    SELECT topic, action_group, median(days) AS median_days FROM windows GROUP BY ALL
)
SELECT w.topic_label, w.action_group, w.article_title, w.text, w.days, m.median_days
FROM windows AS w JOIN medians AS m USING (topic, action_group)
WHERE w.days > m.median_days
ORDER BY w.topic_label, w.days DESC;
