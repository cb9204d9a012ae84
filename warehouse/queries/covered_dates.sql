-- The report dates from $start to $end with figures (of any source), oldest first.
SELECT DISTINCT report_date
FROM daily_losses_long
WHERE report_date BETWEEN $start::DATE AND $end::DATE
ORDER BY report_date;
