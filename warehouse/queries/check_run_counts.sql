-- The rows this run judged (those of check_targets), counted by status.
SELECT status, count(*)
FROM checks
JOIN check_targets USING (source, report_date)
GROUP BY status
ORDER BY status;
