-- Consensus per topic and concept (only concepts some source states or negates).
SELECT topic, topic_label, kind, concept, concept_label, sources_affirming, sources_negating,
       sources_in_topic, share, affirming_sources, negating_sources
FROM mart_consensus
ORDER BY topic,
         CASE kind WHEN 'red_flag' THEN 0 WHEN 'cause' THEN 1 WHEN 'symptom' THEN 2 ELSE 3 END,
         sources_affirming DESC, concept;
