-- The rows this run judged with a status among ? (the failing ones), as CheckRow.
SELECT checks.source, checks.report_date, checks.category, status, revision, previous_date,
       compared_with, previous_total, total, reported_delta, computed_delta, checks.note,
       v.verdict, v.implied, v.note AS verdict_note
FROM checks
LEFT JOIN verdicts v
  ON v.kind = 'check' AND v.source = checks.source AND v.report_date = checks.report_date AND v.category = checks.category
JOIN check_targets t ON t.source = checks.source AND t.report_date = checks.report_date
WHERE status IN (SELECT unnest(?::VARCHAR[]))
ORDER BY checks.report_date, checks.source, checks.category;
