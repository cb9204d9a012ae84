-- The newest report date: of $source (NULL: of any source).
SELECT max(report_date)
FROM bulletins
WHERE $source::VARCHAR IS NULL OR source = $source::VARCHAR;
