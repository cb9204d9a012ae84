-- The latest revisions of the dates just judged have been seen by the check.
UPDATE bulletins
SET checked = true
FROM check_targets t
WHERE bulletins.is_latest AND bulletins.source = t.source
  AND bulletins.report_date = t.report_date AND NOT bulletins.checked;
