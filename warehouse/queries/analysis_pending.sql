-- How many latest articles an analysis refresh would compute ($1: all of them): a few are
-- profiled in one pass, many one id range at a time (reports/analysis.py id_ranges_for).
SELECT count(*) AS pending FROM concord_analysis_pending($1);
