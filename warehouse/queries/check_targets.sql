-- The (source, report_date) pairs the next check run judges: latest revisions the
-- check has not seen (new dates, revised dates; all of them when $full), plus the
-- next stored date after each, whose previous figures have just changed.
CREATE OR REPLACE TEMP TABLE check_targets AS
WITH heads AS (
    SELECT source, report_date, checked FROM bulletins WHERE is_latest
),
pending AS (
    SELECT source, report_date FROM heads WHERE NOT checked OR $full
),
following AS (
    SELECT h.source, h.report_date
    FROM pending p
    ASOF JOIN heads h ON p.source = h.source AND p.report_date < h.report_date
)
SELECT source, report_date FROM pending
UNION
SELECT source, report_date FROM following;
