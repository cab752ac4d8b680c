-- mart_consensus: per topic, each concept with the share of the topic's sources that state it
-- (affirmed: not negated, about the reader) and the sources that negate it.
CREATE OR REPLACE VIEW mart_consensus AS
WITH topic_size AS (
    SELECT topic, count(*) AS sources_in_topic FROM v_topic_articles GROUP BY topic
),
per_source AS (
    SELECT topic, any_value(topic_label) AS topic_label, kind, concept,
           any_value(concept_label) AS concept_label, article_id, any_value(source) AS source,
           bool_or(affirmed) AS affirmed, bool_or(negated) AS negated
    FROM v_topic_findings
    GROUP BY topic, kind, concept, article_id
)
SELECT
    p.topic,
    any_value(p.topic_label)                                         AS topic_label,
    p.kind,
    p.concept,
    any_value(p.concept_label)                                       AS concept_label,
    count(*) FILTER (WHERE p.affirmed)                               AS sources_affirming,
    count(*) FILTER (WHERE p.negated AND NOT p.affirmed)             AS sources_negating,
    any_value(s.sources_in_topic)                                    AS sources_in_topic,
    round(count(*) FILTER (WHERE p.affirmed) / any_value(s.sources_in_topic), 3) AS share,
    list(p.source ORDER BY p.source) FILTER (WHERE p.affirmed)       AS affirming_sources,
    list(p.source ORDER BY p.source) FILTER (WHERE p.negated AND NOT p.affirmed) AS negating_sources
FROM per_source AS p
JOIN topic_size AS s USING (topic)
GROUP BY p.topic, p.kind, p.concept;

CREATE OR REPLACE VIEW v_consensus AS SELECT * FROM mart_consensus;
