-- question: Per topic, which red flags does each publisher never state that other publishers
-- in the same topic do?
WITH pubs AS (
    SELECT DISTINCT topic, topic_label, coalesce(publisher, source) AS publisher FROM v_topic_articles
),
stated AS (
    SELECT DISTINCT topic, concept, concept_label, coalesce(publisher, source) AS publisher
    FROM v_topic_findings WHERE kind = 'red_flag' AND affirmed
)
SELECT p.topic_label, p.publisher, s.concept_label,
       count(DISTINCT s.publisher) AS publishers_stating
FROM pubs AS p
JOIN stated AS s USING (topic)
WHERE NOT EXISTS (SELECT 1 FROM stated AS x
                  WHERE x.topic = p.topic AND x.concept = s.concept AND x.publisher = p.publisher)
GROUP BY ALL
ORDER BY p.topic_label, p.publisher, publishers_stating DESC;
