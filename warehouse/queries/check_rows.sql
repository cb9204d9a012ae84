-- Stored check rows as CheckRow, oldest first: with a status among $statuses, from
-- $since on (NULL: from the start), of $source (NULL: every source).
SELECT checks.source, checks.report_date, checks.category, status, revision, previous_date,
       compared_with, previous_total, total, reported_delta, computed_delta, checks.note,
       v.verdict, v.implied, v.note AS verdict_note
FROM checks
LEFT JOIN verdicts v
  ON v.kind = 'check' AND v.source = checks.source AND v.report_date = checks.report_date AND v.category = checks.category
WHERE status IN (SELECT unnest($statuses::VARCHAR[]))
  AND checks.report_date >= coalesce($since::DATE, DATE '0001-01-01')
  AND ($source::VARCHAR IS NULL OR checks.source = $source::VARCHAR)
ORDER BY checks.report_date, checks.source, checks.category;
