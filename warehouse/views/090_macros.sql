-- Helpers shared by the analysis views.
CREATE OR REPLACE MACRO concord_days(d) AS
    CASE
        WHEN d IS NULL THEN 'open-ended'
        WHEN d < 1 THEN regexp_replace(CAST(round(d * 24, 1) AS VARCHAR), '\.0$', '') || ' hours'
        ELSE regexp_replace(CAST(round(d, 1) AS VARCHAR), '\.0$', '') || ' days'
    END;

CREATE OR REPLACE MACRO concord_window(lo, hi) AS
    CASE
        WHEN hi IS NULL THEN 'more than ' || concord_days(lo)
        WHEN lo = hi THEN concord_days(hi)
        ELSE regexp_replace(regexp_replace(concord_days(lo), ' (days|hours)$', ''), '^$', '0')
             || '–' || concord_days(hi)
    END;

-- Escalation actions compared with each other: seeing a GP or a specialist are both
-- "see a professional", urgent and emergency care are their own groups.
CREATE OR REPLACE MACRO concord_action_group(action) AS
    CASE WHEN action IN ('gp', 'specialist') THEN 'professional' ELSE action END;

CREATE OR REPLACE MACRO concord_id(a, b, c, d) AS
    substr(md5(concat_ws('|', a, b, c, d)), 1, 16);

-- The distinct windows of a group, in numeric order ("3 days vs 7–14 days vs 14–21 days"), from a
-- list of [min_days, max_days] pairs with an open end given as infinity (list(...) drops no NULLs
-- but sorts them unreliably). Deterministic, so report summaries never change order between runs.
CREATE OR REPLACE MACRO concord_window_list(pairs, sep) AS
    array_to_string(list_transform(list_sort(list_distinct(pairs)),
        lambda p: concord_window(p[1], CASE WHEN isinf(p[2]) THEN NULL ELSE p[2] END)), sep);

-- One source's evidence in a finding: the verbatim sentence with its offsets into the stored
-- text, and the claim's normalised value as JSON (the same struct in every mart).
CREATE OR REPLACE MACRO concord_evidence(src, title, publisher, sentence, section, sentence_start, val) AS
    {'source': src, 'title': title, 'publisher': publisher, 'quote': sentence, 'section': section,
     'start': sentence_start, 'end': sentence_start + length(sentence), 'value': to_json(val)};

-- The evidence entry of a source that does not state the claim (omissions): no quote.
CREATE OR REPLACE MACRO concord_no_evidence(src, title, publisher, val) AS
    {'source': src, 'title': title, 'publisher': publisher, 'quote': NULL::VARCHAR,
     'section': NULL::VARCHAR, 'start': NULL::INTEGER, 'end': NULL::INTEGER, 'value': to_json(val)};

-- Analysis inputs (article_topics, reference_sources) are kept for the (article_id, source) pairs
-- in analysed_articles. Retired: ids analysed before whose pair is no longer a latest version.
-- Pending: latest articles whose inputs are not current (not analysed yet, or sharing an id with a
-- retired pair, whose rows go too); every latest article when full_refresh.
CREATE OR REPLACE MACRO concord_analysis_retired() AS TABLE
    SELECT DISTINCT d.article_id
    FROM analysed_articles AS d
    ANTI JOIN v_articles AS l ON l.article_id = d.article_id AND l.source = d.source;

CREATE OR REPLACE MACRO concord_analysis_pending(full_refresh) AS TABLE
    SELECT l.article_id, l.source, l.title, l.publisher, l.canonical_url
    FROM v_articles AS l
    WHERE full_refresh
       OR l.article_id IN (SELECT article_id FROM concord_analysis_retired())
       OR NOT EXISTS (SELECT 1 FROM analysed_articles AS d
                      WHERE d.article_id = l.article_id AND d.source = l.source);
