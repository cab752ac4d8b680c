-- Editorial analysis: topics, reference sources, opposing advice, editor reviews and report
-- snapshots (for "what changed since the last report").

CREATE TABLE article_topics (
    article_id  VARCHAR NOT NULL,
    topic       VARCHAR NOT NULL,
    topic_label VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    assigned_by VARCHAR NOT NULL,          -- rules | pin
    PRIMARY KEY (article_id, topic)
);

CREATE TABLE reference_sources (
    article_id VARCHAR PRIMARY KEY,
    matched_by VARCHAR NOT NULL            -- the publisher or pattern that made it a reference
);

CREATE TABLE opposing_pairs (
    pair_id    VARCHAR PRIMARY KEY,
    concept_a  VARCHAR NOT NULL,
    concept_b  VARCHAR NOT NULL,
    early_only BOOLEAN NOT NULL,
    early_days DOUBLE NOT NULL,
    note       VARCHAR
);

-- One row per editor decision; the latest row per finding is its status.
CREATE TABLE reviews (
    finding_id    VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,        -- confirmed | dismissed | fixed
    note          VARCHAR,
    reviewer      VARCHAR NOT NULL,
    reviewed_at   TIMESTAMP NOT NULL,
    evidence_hash VARCHAR NOT NULL         -- the evidence the decision was made on
);

CREATE TABLE report_snapshots (
    report_id    VARCHAR PRIMARY KEY,
    generated_at TIMESTAMP NOT NULL,
    findings     INTEGER NOT NULL
);

CREATE TABLE report_snapshot_findings (
    report_id     VARCHAR NOT NULL,
    finding_id    VARCHAR NOT NULL,
    type          VARCHAR NOT NULL,
    severity      VARCHAR NOT NULL,
    summary       VARCHAR NOT NULL,
    evidence_hash VARCHAR NOT NULL,
    PRIMARY KEY (report_id, finding_id)
);
