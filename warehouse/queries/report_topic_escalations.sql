-- Escalation windows per topic, for the per-topic range chart.
SELECT topic, source, article_title, action, action_group, trigger, min_days, max_days, text,
       sentence, section, sentence_start, start, "end", is_reference
FROM v_topic_escalations
ORDER BY topic, min_days, source, start;
