-- The figures of each category per report date, oldest first, from $since on (NULL:
-- from the start), of the categories in $categories (NULL: every one). With $source
-- NULL: daily_losses_long (the latest revision of the preferred source, date by date);
-- else the latest revisions of $source alone.
SELECT category, report_date, total, delta, qualifier, source
FROM daily_losses_long
WHERE $source::VARCHAR IS NULL
  AND report_date >= coalesce($since::DATE, DATE '0001-01-01')
  AND ($categories::VARCHAR[] IS NULL OR list_contains($categories::VARCHAR[], category))
UNION ALL
SELECT category, report_date, total, reported_delta, qualifier, source
FROM latest_observations
WHERE source = $source::VARCHAR
  AND report_date >= coalesce($since::DATE, DATE '0001-01-01')
  AND ($categories::VARCHAR[] IS NULL OR list_contains($categories::VARCHAR[], category))
ORDER BY category, report_date;
