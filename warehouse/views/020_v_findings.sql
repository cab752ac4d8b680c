-- v_findings: findings of the latest article versions, with concept labels/codes and article
-- title/source, so one query answers "who says what, where".
CREATE OR REPLACE VIEW v_findings AS
SELECT
    f.finding_id,
    f.article_id,
    a.source,
    a.title        AS article_title,
    a.publisher,
    f.kind,
    f.concept,
    c.label        AS concept_label,
    c.umls,
    c.snomed,
    c.mesh,
    f.text,
    f.sentence,
    f.section,
    f.start,
    f."end",
    f.sentence_start,
    f.negated,
    f.hedged,
    f.conditional,
    f.experiencer,
    NOT f.negated AND f.experiencer = 'reader' AS affirmed,
    f.rule_id,
    f.cues
FROM findings AS f
JOIN v_articles AS a USING (article_id)
LEFT JOIN concepts AS c ON c.concept_id = f.concept;
