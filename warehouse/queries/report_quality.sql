-- Article quality signals (JAMA criteria).
SELECT article_id, source, title, publisher, author, reviewed_by, published, modified,
       author_named, reviewer_named, dated, age_days, sources_cited, disclosure_present, jama_score
FROM v_article_quality ORDER BY jama_score DESC, title;
