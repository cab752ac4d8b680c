-- Red flags that count as stated when an equivalent one is (rules/red_flags.yaml `equivalent`),
-- one row per ordered pair; recomputed with the other analysis inputs before each analysis.
CREATE TABLE equivalent_red_flags (
    concept  VARCHAR NOT NULL,             -- the red flag an article states
    same_as  VARCHAR NOT NULL,             -- a red flag it therefore does not omit
    PRIMARY KEY (concept, same_as)
);
