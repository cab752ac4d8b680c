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
