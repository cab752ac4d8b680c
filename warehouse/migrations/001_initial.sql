-- Schema v1: raw tables. Analysts use the v_* views (views/*.sql), which keep their names and
-- columns across versions; these tables may change through numbered migrations.

CREATE TABLE ingest_runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL,          -- running | succeeded | partial | failed
    inputs          INTEGER NOT NULL DEFAULT 0,
    ingested        INTEGER NOT NULL DEFAULT 0,
    unchanged       INTEGER NOT NULL DEFAULT 0,
    quarantined     INTEGER NOT NULL DEFAULT 0,
    findings        INTEGER NOT NULL DEFAULT 0,
    escalations     INTEGER NOT NULL DEFAULT 0,
    timings         INTEGER NOT NULL DEFAULT 0,
    batches         INTEGER NOT NULL DEFAULT 0,
    rules_version   VARCHAR,
    concord_version VARCHAR,
    message         VARCHAR
);

-- One row per article *version*: a changed body under the same source is a new version.
CREATE TABLE articles (
    article_id    VARCHAR PRIMARY KEY,         -- first 16 hex of content_hash
    source        VARCHAR NOT NULL,            -- canonical URL or file path
    version       INTEGER NOT NULL,
    title         VARCHAR,
    publisher     VARCHAR,
    author        VARCHAR,
    reviewed_by   VARCHAR,
    published     DATE,
    modified      DATE,
    language      VARCHAR,
    canonical_url VARCHAR,
    description   VARCHAR,
    format        VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL UNIQUE,
    word_count    INTEGER NOT NULL,
    ingested_at   TIMESTAMP NOT NULL,
    run_id        VARCHAR NOT NULL,
    UNIQUE (source, version)
);

CREATE TABLE sections (
    article_id VARCHAR NOT NULL,
    ordinal    INTEGER NOT NULL,
    heading    VARCHAR,
    level      INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE findings (
    finding_id     VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,           -- cause | symptom | advice | red_flag
    concept        VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    sentence       VARCHAR NOT NULL,
    section        VARCHAR,
    start          INTEGER NOT NULL,           -- character offsets into articles.text
    "end"          INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    negated        BOOLEAN NOT NULL,
    hedged         BOOLEAN NOT NULL,
    conditional    BOOLEAN NOT NULL,
    experiencer    VARCHAR NOT NULL,
    rule_id        VARCHAR NOT NULL,
    cues           VARCHAR[]
);

CREATE TABLE escalations (
    escalation_id  VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    action         VARCHAR NOT NULL,           -- self_care | gp | specialist | urgent | emergency
    trigger        VARCHAR,
    min_days       DOUBLE,
    max_days       DOUBLE,                     -- NULL: open-ended ("more than a week")
    text           VARCHAR NOT NULL,
    sentence       VARCHAR NOT NULL,
    section        VARCHAR,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    rule_id        VARCHAR NOT NULL
);

CREATE TABLE timings (
    timing_id      VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    subject        VARCHAR NOT NULL,
    relation       VARCHAR NOT NULL,
    min_value      DOUBLE,
    max_value      DOUBLE,
    unit           VARCHAR NOT NULL,
    min_days       DOUBLE,
    max_days       DOUBLE,
    text           VARCHAR NOT NULL,
    sentence       VARCHAR NOT NULL,
    section        VARCHAR,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    rule_id        VARCHAR NOT NULL
);

CREATE TABLE quarantine (
    run_id         VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    stage          VARCHAR NOT NULL,           -- read | detect | parse | fetch | extract
    reason         VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL
);

-- The concept vocabulary the findings were extracted with (refreshed on every run).
CREATE TABLE concepts (
    concept_id VARCHAR PRIMARY KEY,
    kind       VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    umls       VARCHAR,
    snomed     VARCHAR,
    mesh       VARCHAR,
    topics     VARCHAR[],
    vocabulary_version VARCHAR NOT NULL
);
