-- Stored check rows as CheckRow, oldest first: with a status among $statuses, from
-- $since on (NULL: from the start), of $source (NULL: every source).
SELECT source, report_date, category, status, revision, previous_date, compared_with,
       previous_total, total, reported_delta, computed_delta, note
FROM checks
WHERE status IN (SELECT unnest($statuses::VARCHAR[]))
  AND report_date >= coalesce($since::DATE, DATE '0001-01-01')
  AND ($source::VARCHAR IS NULL OR source = $source::VARCHAR)
ORDER BY report_date, source, category;
