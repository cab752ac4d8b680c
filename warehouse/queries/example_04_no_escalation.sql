-- question: Which articles never say when to see a professional (no escalation window at all),
-- and how many red flags do they mention anyway?
SELECT a.source, a.title, a.word_count,
       count(DISTINCT f.concept) FILTER (WHERE f.kind = 'red_flag' AND f.affirmed) AS red_flags
FROM v_articles AS a
LEFT JOIN v_findings AS f USING (article_id)
WHERE NOT EXISTS (SELECT 1 FROM v_escalations AS e WHERE e.article_id = a.article_id)
GROUP BY ALL
ORDER BY red_flags DESC, a.source;
