-- check: accepted_values_escalations_action
-- asserts: escalations.action is one of self_care, gp, specialist, urgent, emergency.
-- scope: run
SELECT escalation_id, article_id, action
FROM escalations
WHERE action NOT IN ('self_care', 'gp', 'specialist', 'urgent', 'emergency')
