-- Failing check rows (status among $statuses) from $since on that no report has
-- named yet (check_reports: the same row, revision and status), as CheckRow, oldest first.
SELECT source, report_date, category, status, revision, previous_date, compared_with,
       previous_total, total, reported_delta, computed_delta, note
FROM checks c
WHERE status IN (SELECT unnest($statuses::VARCHAR[]))
  AND report_date >= coalesce($since::DATE, DATE '0001-01-01')
  AND NOT EXISTS (
      SELECT 1 FROM check_reports r
      WHERE r.source = c.source AND r.report_date = c.report_date
        AND r.category = c.category AND r.revision = c.revision AND r.status = c.status)
ORDER BY report_date, source, category;
