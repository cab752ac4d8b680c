-- Per concept, which sources state it (affirmed) and which negate it; most-stated first.
SELECT
    kind, concept, concept_label, sources_affirming, sources_negating, sources_total,
    affirming_sources, negating_sources, mentions
FROM mart_concept_sources
WHERE sources_affirming > 0 OR sources_negating > 0
ORDER BY
    CASE kind WHEN 'red_flag' THEN 0 WHEN 'cause' THEN 1 WHEN 'symptom' THEN 2 ELSE 3 END,
    sources_affirming DESC, concept;
