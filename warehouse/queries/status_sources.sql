-- Per source: first and last report date, dates stored, dates revised at least once.
SELECT source, min(report_date), max(report_date), count(DISTINCT report_date),
       count(DISTINCT report_date) FILTER (revision > 1)
FROM bulletins
GROUP BY source
ORDER BY source;
