-- The report dates of a source with a bulletin stored, between two dates (inclusive).
SELECT DISTINCT report_date
FROM bulletins
WHERE source = ? AND report_date BETWEEN ? AND ?;
