-- The failing check rows (a status among $statuses) whose verdict this check may change,
-- as the temporary table verdict_targets: those within $window stored dates of the dates
-- it judges (check_targets), in their category's series, and any without a verdict yet
-- (a warehouse made before verdicts were). A verdict reads its category's $window stored
-- dates either side (queries/verdict_windows.sql) and whether its bulletin repeats the one
-- before, and the check changes only the dates it judges: a row with $window or more of
-- its category's dates between it and each of them keeps its verdict. (Counted up to the
-- source's first date judged for a row before them, from its last for a row after: never
-- more than to any of them. A row among them is judged again.)
CREATE OR REPLACE TEMP TABLE verdict_targets AS
WITH span AS (
    SELECT source, min(report_date) AS first, max(report_date) AS last
    FROM check_targets GROUP BY source
),
failing AS (
    SELECT source, report_date, category, previous_date FROM checks
    WHERE status IN (SELECT unnest($statuses::VARCHAR[]))
),
counted AS (
    SELECT f.source, f.report_date, f.category, f.previous_date, s.first, s.last,
           count(*) FILTER (WHERE c.report_date > f.report_date
                              AND c.report_date < s.first) AS before_first,
           count(*) FILTER (WHERE c.report_date < f.report_date
                              AND c.report_date > s.last) AS after_last
    FROM failing f
    JOIN span s USING (source)
    JOIN checks c ON c.source = f.source AND c.category = f.category
    GROUP BY ALL
)
SELECT source, report_date, category, previous_date FROM counted
WHERE report_date BETWEEN first AND last
   OR (report_date < first AND before_first < $window)
   OR (report_date > last AND after_last < $window)
UNION
SELECT f.source, f.report_date, f.category, f.previous_date FROM failing f
WHERE NOT EXISTS (
    SELECT 1 FROM verdicts v
    WHERE v.kind = 'check' AND v.source = f.source AND v.report_date = f.report_date
      AND v.category = f.category);
