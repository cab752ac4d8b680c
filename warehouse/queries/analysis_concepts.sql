-- Concepts each latest article affirms (its concept profile, for topic assignment).
SELECT DISTINCT article_id, concept FROM v_findings WHERE affirmed ORDER BY article_id, concept;
