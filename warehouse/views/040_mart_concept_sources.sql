-- mart_concept_sources: per concept, how many sources state it (affirmed), and which ones.
CREATE OR REPLACE VIEW mart_concept_sources AS
WITH per_source AS (
    SELECT
        kind,
        concept,
        any_value(concept_label) AS concept_label,
        source,
        any_value(article_title) AS article_title,
        bool_or(affirmed)        AS affirmed,
        bool_or(negated)         AS negated,
        count(*)                 AS mentions,
        min(start)               AS first_start
    FROM v_findings
    GROUP BY kind, concept, source
)
SELECT
    kind,
    concept,
    any_value(concept_label)                                  AS concept_label,
    count(*) FILTER (WHERE affirmed)                          AS sources_affirming,
    count(*) FILTER (WHERE negated AND NOT affirmed)          AS sources_negating,
    (SELECT count(*) FROM v_articles)                         AS sources_total,
    list(source ORDER BY source) FILTER (WHERE affirmed)      AS affirming_sources,
    list(source ORDER BY source) FILTER (WHERE negated AND NOT affirmed) AS negating_sources,
    sum(mentions)                                             AS mentions
FROM per_source
GROUP BY kind, concept;
