-- The newest report date of one source ($source) and its figures (latest revision).
SELECT report_date, category, total, reported_delta, qualifier
FROM latest_observations
WHERE source = $source
  AND report_date = (SELECT max(report_date) FROM bulletins WHERE source = $source);
