-- The stored check rows of the dates about to be judged again.
DELETE FROM checks
USING check_targets t
WHERE checks.source = t.source AND checks.report_date = t.report_date;
