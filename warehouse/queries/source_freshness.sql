-- Per source, how fresh it is: its newest report date (bulletins) and when a document
-- of it was last fetched (documents, any kind and answer). Sources in either table.
SELECT source, max(report_date) AS last_report_date, max(fetched_at) AS last_fetched_at
FROM (
    SELECT source, report_date, NULL::TIMESTAMPTZ AS fetched_at FROM bulletins
    UNION ALL
    SELECT source, NULL::DATE, fetched_at FROM documents
)
GROUP BY source
ORDER BY source;
