-- Conflicts between sources of the same topic. Each row is one editor-facing finding with a
-- stable id (same topic and claim → same id across runs) and the evidence from every source.
-- Grades: disjoint ranges are contradictions; overlapping or touching but different ranges are
-- inconsistencies. An open-ended window ("more than five days") is compared as its threshold
-- (five days): that is the point at which the source says to act.

CREATE OR REPLACE VIEW mart_escalation_conflicts AS
WITH windows AS (
    SELECT DISTINCT topic, topic_label, action_group, min_days, max_days
    FROM v_topic_escalations
),
groups AS (
    SELECT topic, action_group, count(*) AS distinct_windows
    FROM windows GROUP BY topic, action_group HAVING count(*) > 1
),
graded AS (
    SELECT g.topic, g.action_group,
           bool_or(coalesce(a.max_days, a.min_days) < b.min_days) AS disjoint,
           min(a.min_days) AS lowest, max(coalesce(a.max_days, a.min_days)) AS highest
    FROM groups AS g
    JOIN windows AS a USING (topic, action_group)
    JOIN windows AS b USING (topic, action_group)
    GROUP BY g.topic, g.action_group
)
SELECT
    concord_id('escalation_conflict', e.topic, gr.action_group, NULL) AS finding_id,
    'escalation_conflict' AS type,
    CASE WHEN gr.disjoint THEN 'contradiction' ELSE 'inconsistency' END AS grade,
    e.topic,
    any_value(e.topic_label) AS topic_label,
    gr.action_group AS concept,
    CASE gr.action_group WHEN 'professional' THEN 'When to see a doctor or specialist'
                         ELSE 'When to seek ' || gr.action_group || ' care' END AS concept_label,
    gr.highest - gr.lowest AS spread_days,
    format('{} sources in {} give different windows for seeing a professional: {}',
           count(DISTINCT e.article_id), any_value(e.topic_label),
           concord_window_list(list([e.min_days, coalesce(e.max_days, 'Infinity'::DOUBLE)]), ' vs ')) AS summary,
    list(concord_evidence(e.source, e.article_title, e.publisher, e.sentence, e.section, e.sentence_start,
                     {'min_days': e.min_days, 'max_days': e.max_days, 'action': e.action})
         ORDER BY e.min_days, e.source, e.start) AS sources
FROM v_topic_escalations AS e
JOIN graded AS gr USING (topic, action_group)
GROUP BY e.topic, gr.action_group, gr.disjoint, gr.lowest, gr.highest;

CREATE OR REPLACE VIEW mart_timing_conflicts AS
WITH windows AS (
    SELECT DISTINCT topic, subject, relation, min_days, max_days
    FROM v_topic_timings WHERE subject <> 'unspecified'
),
groups AS (
    SELECT topic, subject, relation FROM windows
    GROUP BY topic, subject, relation HAVING count(*) > 1
),
graded AS (
    SELECT g.topic, g.subject, g.relation,
           bool_or(coalesce(a.max_days, a.min_days) < b.min_days) AS disjoint,
           min(a.min_days) AS lowest, max(coalesce(a.max_days, a.min_days)) AS highest
    FROM groups AS g
    JOIN windows AS a USING (topic, subject, relation)
    JOIN windows AS b USING (topic, subject, relation)
    GROUP BY g.topic, g.subject, g.relation
),
multi_source AS (
    SELECT topic, subject, relation FROM v_topic_timings
    GROUP BY topic, subject, relation HAVING count(DISTINCT article_id) > 1
)
SELECT
    concord_id('timing_conflict', t.topic, t.subject, t.relation) AS finding_id,
    'timing_conflict' AS type,
    CASE WHEN gr.disjoint THEN 'contradiction' ELSE 'inconsistency' END AS grade,
    t.topic,
    any_value(t.topic_label) AS topic_label,
    t.subject AS concept,
    coalesce(any_value(t.subject_label), t.subject) || ' (' || t.relation || ')' AS concept_label,
    gr.highest - gr.lowest AS spread_days,
    format('Sources in {} disagree on {} ({}): {}', any_value(t.topic_label),
           coalesce(any_value(t.subject_label), t.subject), t.relation,
           concord_window_list(list([t.min_days, coalesce(t.max_days, 'Infinity'::DOUBLE)]), ' vs ')) AS summary,
    list(concord_evidence(t.source, t.article_title, NULL::VARCHAR, t.sentence, t.section, t.sentence_start,
                     {'min_value': t.min_value, 'max_value': t.max_value, 'unit': t.unit,
                            'min_days': t.min_days, 'max_days': t.max_days})
         ORDER BY t.min_days, t.source, t.start) AS sources
FROM v_topic_timings AS t
JOIN graded AS gr USING (topic, subject, relation)
JOIN multi_source USING (topic, subject, relation)
GROUP BY t.topic, t.subject, t.relation, gr.disjoint, gr.lowest, gr.highest;

-- Same advice or red flag affirmed by one source and negated by another ("use heat" vs "do not
-- use heat"). Causes and symptoms are left out: their negations are mostly incidental ("exercises
-- that don't strain the back") rather than claims.
CREATE OR REPLACE VIEW mart_polarity_conflicts AS
WITH per_source AS (
    SELECT topic, concept, article_id, bool_or(affirmed) AS affirmed,
           bool_or(negated) AND NOT bool_or(affirmed) AS negated_only
    FROM v_topic_findings WHERE kind IN ('advice', 'red_flag')
    GROUP BY topic, concept, article_id
),
conflicted AS (
    SELECT topic, concept FROM per_source GROUP BY topic, concept
    HAVING bool_or(affirmed) AND bool_or(negated_only)
)
SELECT
    concord_id('polarity_conflict', f.topic, f.concept, NULL) AS finding_id,
    'polarity_conflict' AS type,
    'contradiction' AS grade,
    f.topic,
    any_value(f.topic_label) AS topic_label,
    f.concept,
    any_value(f.concept_label) AS concept_label,
    NULL::DOUBLE AS spread_days,
    format('Sources in {} disagree whether "{}" applies: {} affirm, {} negate',
           any_value(f.topic_label), any_value(f.concept_label),
           count(DISTINCT f.article_id) FILTER (WHERE NOT f.negated),
           count(DISTINCT f.article_id) FILTER (WHERE f.negated)) AS summary,
    list(concord_evidence(f.source, f.article_title, f.publisher, f.sentence, f.section, f.sentence_start,
                     {'kind': f.kind, 'negated': f.negated, 'hedged': f.hedged,
                            'conditional': f.conditional})
         ORDER BY f.negated, f.source, f.start) AS sources,
    bool_or(f.kind = 'red_flag') AS about_red_flag
FROM (SELECT DISTINCT ON (topic, concept, article_id, sentence_start, negated) * FROM v_topic_findings
      WHERE kind IN ('advice', 'red_flag')) AS f
JOIN conflicted USING (topic, concept)
GROUP BY f.topic, f.concept;

-- Opposing advice from the curated pairs (rules/opposing_advice.yaml), stated by different sources.
CREATE OR REPLACE VIEW mart_advice_conflicts AS
WITH stated AS (
    SELECT f.topic, f.concept, f.article_id,
           bool_or(EXISTS (SELECT 1 FROM v_topic_timings AS t
                           WHERE t.article_id = f.article_id AND t.topic = f.topic
                             AND t.subject = f.concept AND t.max_days IS NOT NULL
                             AND t.max_days <= (SELECT max(early_days) FROM opposing_pairs)
                             AND t.relation NOT IN ('after', 'more than', 'over', 'beyond', 'past',
                                                    'longer than', 'at least'))) AS early
    FROM v_topic_findings AS f
    WHERE f.kind = 'advice' AND f.affirmed
    GROUP BY f.topic, f.concept, f.article_id
),
sides AS (
    SELECT p.pair_id, p.note, s.topic, s.article_id, 'a' AS side
    FROM opposing_pairs AS p JOIN stated AS s ON s.concept = p.concept_a
    WHERE NOT p.early_only OR s.early
    UNION ALL
    SELECT p.pair_id, p.note, s.topic, s.article_id, 'b' AS side
    FROM opposing_pairs AS p JOIN stated AS s ON s.concept = p.concept_b
    WHERE NOT p.early_only OR s.early
),
one_sided AS (   -- a source that states both sides ("ice first, then heat") opposes nobody
    SELECT pair_id, topic, article_id, any_value(side) AS side, any_value(note) AS note
    FROM sides GROUP BY pair_id, topic, article_id HAVING count(DISTINCT side) = 1
),
conflicts AS (
    SELECT pair_id, topic, any_value(note) AS note FROM one_sided
    GROUP BY pair_id, topic HAVING count(DISTINCT side) = 2
)
SELECT
    concord_id('advice_conflict', c.topic, c.pair_id, NULL) AS finding_id,
    'advice_conflict' AS type,
    'contradiction' AS grade,
    c.topic,
    any_value(f.topic_label) AS topic_label,
    c.pair_id AS concept,
    any_value(c.note) AS concept_label,
    NULL::DOUBLE AS spread_days,
    format('Opposing advice in {}: {}', any_value(f.topic_label), any_value(c.note)) AS summary,
    list(concord_evidence(f.source, f.article_title, f.publisher, f.sentence, f.section, f.sentence_start,
                     {'concept': f.concept, 'side': o.side})
         ORDER BY o.side, f.source, f.start) AS sources
FROM conflicts AS c
JOIN one_sided AS o USING (pair_id, topic)
JOIN opposing_pairs AS p USING (pair_id)
JOIN (SELECT DISTINCT ON (topic, concept, article_id, sentence_start) * FROM v_topic_findings) AS f
  ON f.topic = c.topic AND f.article_id = o.article_id AND f.affirmed AND f.kind = 'advice'
 AND f.concept = CASE o.side WHEN 'a' THEN p.concept_a ELSE p.concept_b END
GROUP BY c.topic, c.pair_id;
