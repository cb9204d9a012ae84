-- Stored check rows from $since on (NULL: from the start), counted by status.
SELECT status, count(*)
FROM checks
WHERE report_date >= coalesce($since::DATE, DATE '0001-01-01')
GROUP BY status
ORDER BY status;
