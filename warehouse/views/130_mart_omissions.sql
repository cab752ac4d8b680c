-- mart_omissions: a red flag that most sources of a topic state (at least two, and more than half)
-- and one source leaves out. One finding per (topic, red flag, omitting article).
CREATE OR REPLACE VIEW mart_omissions AS
WITH common AS (
    SELECT topic, concept, concept_label, sources_affirming, sources_in_topic
    FROM mart_consensus
    WHERE kind = 'red_flag' AND sources_affirming >= 2 AND share > 0.5
      AND sources_affirming < sources_in_topic
),
stated AS (  -- a red flag counts as stated where it or an equivalent one is (red_flags.yaml)
    SELECT DISTINCT topic, concept, article_id FROM v_topic_findings
    WHERE kind = 'red_flag' AND affirmed
    UNION
    SELECT DISTINCT f.topic, e.same_as, f.article_id FROM v_topic_findings AS f
    JOIN equivalent_red_flags AS e ON e.concept = f.concept
    WHERE f.kind = 'red_flag' AND f.affirmed
),
omitting AS (
    SELECT c.*, ta.article_id, ta.source, ta.title, ta.publisher
    FROM common AS c
    JOIN v_topic_articles AS ta USING (topic)
    WHERE NOT EXISTS (SELECT 1 FROM stated AS s
                      WHERE s.topic = c.topic AND s.concept = c.concept AND s.article_id = ta.article_id)
)
SELECT
    concord_id('omission', o.topic, o.concept, o.article_id) AS finding_id,
    'omission' AS type,
    'omission' AS grade,
    o.topic,
    any_value(f.topic_label) AS topic_label,
    o.concept,
    any_value(o.concept_label) AS concept_label,
    NULL::DOUBLE AS spread_days,
    format('"{}" omits the red flag "{}", which {} of {} sources on {} state',
           coalesce(any_value(o.title), any_value(o.source)), any_value(o.concept_label),
           any_value(o.sources_affirming), any_value(o.sources_in_topic), any_value(f.topic_label)) AS summary,
    list_prepend(
        concord_no_evidence(any_value(o.source), any_value(o.title), any_value(o.publisher), {'stated': false}),
        list(concord_evidence(f.source, f.article_title, f.publisher, f.sentence, f.section, f.sentence_start,
                     {'stated': true, 'kind': f.kind, 'conditional': f.conditional})
             ORDER BY f.source, f.start)) AS sources,
    o.article_id AS omitting_article_id
FROM omitting AS o
JOIN (SELECT DISTINCT ON (topic, concept, article_id, sentence_start) * FROM v_topic_findings WHERE kind = 'red_flag' AND affirmed) AS f
  ON f.topic = o.topic AND f.concept = o.concept AND f.kind = 'red_flag' AND f.affirmed
GROUP BY o.topic, o.concept, o.article_id;

-- mart_reference_deviations: where an article departs from its topic's reference sources
-- (publishers or paths editors marked authoritative): a red flag the references state and the
-- article omits, or an escalation window different from every reference window.
CREATE OR REPLACE VIEW mart_reference_deviations AS
WITH ref_flags AS (
    SELECT DISTINCT topic, concept, concept_label FROM v_topic_findings
    WHERE is_reference AND kind = 'red_flag' AND affirmed
),
stated AS (  -- as in mart_omissions: equivalent red flags count as stated
    SELECT DISTINCT topic, concept, article_id FROM v_topic_findings WHERE kind = 'red_flag' AND affirmed
    UNION
    SELECT DISTINCT f.topic, e.same_as, f.article_id FROM v_topic_findings AS f
    JOIN equivalent_red_flags AS e ON e.concept = f.concept
    WHERE f.kind = 'red_flag' AND f.affirmed
),
flag_gaps AS (
    SELECT r.topic, r.concept, r.concept_label, ta.article_id, ta.source, ta.title, ta.publisher
    FROM ref_flags AS r
    JOIN v_topic_articles AS ta ON ta.topic = r.topic AND NOT ta.is_reference
    WHERE NOT EXISTS (SELECT 1 FROM stated AS s WHERE s.topic = r.topic AND s.concept = r.concept
                                                AND s.article_id = ta.article_id)
),
ref_windows AS (
    SELECT topic, action_group, min_days, max_days FROM v_topic_escalations WHERE is_reference
),
window_gaps AS (
    SELECT e.*,
           bool_and(coalesce(e.max_days, e.min_days) < r.min_days OR coalesce(r.max_days, r.min_days) < e.min_days) AS disjoint
    FROM v_topic_escalations AS e
    JOIN ref_windows AS r USING (topic, action_group)
    WHERE NOT e.is_reference
    GROUP BY ALL
    HAVING NOT bool_or(r.min_days IS NOT DISTINCT FROM e.min_days AND r.max_days IS NOT DISTINCT FROM e.max_days)
)
SELECT
    concord_id('reference_deviation', g.topic, g.concept, g.article_id) AS finding_id,
    'reference_deviation' AS type,
    'omission' AS grade,
    g.topic,
    any_value(f.topic_label) AS topic_label,
    g.concept,
    any_value(g.concept_label) AS concept_label,
    NULL::DOUBLE AS spread_days,
    format('"{}" omits the red flag "{}" that the reference sources on {} state',
           coalesce(any_value(g.title), any_value(g.source)), any_value(g.concept_label),
           any_value(f.topic_label)) AS summary,
    list_prepend(
        concord_no_evidence(any_value(g.source), any_value(g.title), any_value(g.publisher), {'stated': false, 'reference': false}),
        list(concord_evidence(f.source, f.article_title, f.publisher, f.sentence, f.section, f.sentence_start,
                     {'stated': true, 'reference': true}) ORDER BY f.source, f.start)) AS sources
FROM flag_gaps AS g
JOIN (SELECT DISTINCT ON (topic, concept, article_id, sentence_start) * FROM v_topic_findings WHERE kind = 'red_flag' AND affirmed) AS f
  ON f.topic = g.topic AND f.concept = g.concept AND f.is_reference AND f.kind = 'red_flag' AND f.affirmed
GROUP BY g.topic, g.concept, g.article_id
UNION ALL
SELECT
    concord_id('reference_deviation', w.topic, w.action_group, w.article_id) AS finding_id,
    'reference_deviation' AS type,
    CASE WHEN any_value(w.disjoint) THEN 'contradiction' ELSE 'inconsistency' END AS grade,
    w.topic,
    any_value(w.topic_label) AS topic_label,
    w.action_group AS concept,
    'Escalation window (' || w.action_group || ')' AS concept_label,
    NULL::DOUBLE AS spread_days,
    format('"{}" gives {} where the reference sources on {} give {}',
           coalesce(any_value(w.article_title), any_value(w.source)),
           concord_window_list(list([w.min_days, coalesce(w.max_days, 'Infinity'::DOUBLE)]), ', '), any_value(w.topic_label),
           (SELECT concord_window_list(list([r.min_days, coalesce(r.max_days, 'Infinity'::DOUBLE)]), ', ')
              FROM ref_windows AS r WHERE r.topic = w.topic AND r.action_group = w.action_group)) AS summary,
    list(concord_evidence(e.source, e.article_title, e.publisher, e.sentence, e.section, e.sentence_start,
                     {'min_days': e.min_days, 'max_days': e.max_days, 'action': e.action,
                            'reference': e.is_reference}) ORDER BY e.is_reference DESC, e.source) AS sources
FROM window_gaps AS w
JOIN v_topic_escalations AS e
  ON e.topic = w.topic AND e.action_group = w.action_group
 AND (e.is_reference OR e.article_id = w.article_id)
GROUP BY w.topic, w.action_group, w.article_id;
