-- The rows this run judged with a status among ? (the failing ones), as CheckRow.
SELECT source, report_date, category, status, revision, previous_date, compared_with,
       previous_total, total, reported_delta, computed_delta, note
FROM checks
JOIN check_targets USING (source, report_date)
WHERE status IN (SELECT unnest(?::VARCHAR[]))
ORDER BY report_date, source, category;
