-- Ids of articles analysed before whose (id, source) is no longer a latest version: their topic
-- and reference rows are dropped by the next incremental analysis refresh (views/090_macros.sql).
SELECT article_id FROM concord_analysis_retired() ORDER BY article_id;
