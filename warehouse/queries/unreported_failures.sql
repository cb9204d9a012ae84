-- Failing check rows (status among $statuses) from $since on that no report has
-- named yet (check_reports: the same row, revision and status), as CheckRow, oldest first.
SELECT c.source, c.report_date, c.category, status, revision, previous_date,
       compared_with, previous_total, total, reported_delta, computed_delta, c.note,
       v.verdict, v.implied, v.note AS verdict_note
FROM checks c
LEFT JOIN verdicts v
  ON v.kind = 'check' AND v.source = c.source AND v.report_date = c.report_date AND v.category = c.category
WHERE status IN (SELECT unnest($statuses::VARCHAR[]))
  AND c.report_date >= coalesce($since::DATE, DATE '0001-01-01')
  AND NOT EXISTS (
      SELECT 1 FROM check_reports r
      WHERE r.source = c.source AND r.report_date = c.report_date
        AND r.category = c.category AND r.revision = c.revision AND r.status = c.status)
ORDER BY c.report_date, c.source, c.category;
