-- For each check row in verdict_targets (queries/verdict_targets.sql): its category's
-- stored dates around it (latest revisions), $window either side, oldest first, and
-- whether its bulletin repeats the figures of the stored date before it.
WITH failing AS (
    SELECT source, report_date, category, previous_date FROM verdict_targets
),
heads AS (
    SELECT o.source, o.report_date, o.category, o.total, o.reported_delta
    FROM observations o
    JOIN bulletins b USING (source, report_date, revision)
    WHERE b.is_latest
),
series AS (
    SELECT h.*, row_number() OVER (PARTITION BY source, category ORDER BY report_date) AS n
    FROM heads h
    WHERE EXISTS (SELECT 1 FROM failing f WHERE f.source = h.source AND f.category = h.category)
),
anchored AS (
    SELECT f.source, f.report_date, f.category, s.n
    FROM failing f JOIN series s USING (source, report_date, category)
),
repeats AS (
    SELECT d.source, d.report_date,
           bool_and(p.total IS NOT DISTINCT FROM c.total
                    AND p.reported_delta IS NOT DISTINCT FROM c.reported_delta) AS repeats
    FROM (SELECT DISTINCT source, report_date, previous_date FROM failing
          WHERE previous_date IS NOT NULL) d
    JOIN heads c ON c.source = d.source AND c.report_date = d.report_date
    LEFT JOIN heads p
      ON p.source = d.source AND p.report_date = d.previous_date AND p.category = c.category
    GROUP BY d.source, d.report_date
)
SELECT a.source, a.report_date, a.category, s.report_date, s.total, s.reported_delta,
       coalesce(r.repeats, false)
FROM anchored a
JOIN series s
  ON s.source = a.source AND s.category = a.category
 AND s.n BETWEEN a.n - $window AND a.n + $window
LEFT JOIN repeats r ON r.source = a.source AND r.report_date = a.report_date
ORDER BY a.source, a.report_date, a.category, s.report_date;
