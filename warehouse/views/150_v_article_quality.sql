-- v_article_quality: the JAMA benchmark criteria editors use, per latest article: authorship,
-- medical review, dating (and age), sources cited, disclosure/advertising statements.
CREATE OR REPLACE VIEW v_article_quality AS
WITH cited AS (
    SELECT DISTINCT s.article_id FROM sections AS s
    WHERE regexp_matches(lower(coalesce(s.heading, '')), 'references|sources|bibliograph|citations|further reading')
)
SELECT
    a.article_id,
    a.source,
    a.title,
    a.publisher,
    a.author,
    a.reviewed_by,
    a.published,
    a.modified,
    coalesce(trim(a.author), '') <> ''                            AS author_named,
    coalesce(trim(a.reviewed_by), '') <> ''                       AS reviewer_named,
    coalesce(a.modified, a.published) IS NOT NULL                 AS dated,
    date_diff('day', coalesce(a.modified, a.published), current_date) AS age_days,
    c.article_id IS NOT NULL
      OR regexp_matches(a.text, '(doi\.org|doi:|et al\.|\[\d+\]|pubmed|ncbi\.nlm|cochrane)')
                                                                  AS sources_cited,
    regexp_matches(lower(a.text), 'disclaimer|disclosure|advertis|sponsored|affiliate|conflicts? of interest|paid partnership')
                                                                  AS disclosure_present,
    CAST(author_named AS INTEGER) + CAST(reviewer_named AS INTEGER) + CAST(dated AS INTEGER)
      + CAST(sources_cited AS INTEGER) + CAST(disclosure_present AS INTEGER) AS jama_score
FROM v_articles AS a
LEFT JOIN cited AS c USING (article_id);
