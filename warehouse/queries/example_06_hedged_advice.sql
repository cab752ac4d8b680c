-- question: How much of each source's advice is hedged ("may help") or conditional rather than
-- stated plainly?
SELECT source, count(*) AS advice,
       count(*) FILTER (WHERE hedged) AS hedged,
       count(*) FILTER (WHERE conditional) AS conditional,
       round(count(*) FILTER (WHERE hedged OR conditional) / count(*), 2) AS qualified_share
FROM v_findings
WHERE kind = 'advice' AND NOT negated
GROUP BY source
ORDER BY qualified_share DESC, source;
