-- What the derived analysis inputs (article_topics, reference_sources) were computed from and for
-- which latest articles, so that the refresh at the end of an ingest recomputes only the articles
-- that are new or no longer latest since the last one (work in proportion to the run, not to the
-- warehouse); a changed fingerprint (topic rules, vocabulary, editorial config) recomputes all.
CREATE TABLE analysis_state (
    key   VARCHAR PRIMARY KEY,             -- 'inputs'
    value VARCHAR NOT NULL                 -- the fingerprint of what the inputs were computed from
);

CREATE TABLE analysed_articles (
    article_id VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, source)
);
