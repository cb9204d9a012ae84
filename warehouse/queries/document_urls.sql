-- For (source, report_date) keys, as two lists (dates as 'YYYY-MM-DD'): the URL of the
-- document each date's latest revision was loaded from, keyed the same way.
SELECT b.source, strftime(b.report_date, '%Y-%m-%d'), d.url
FROM bulletins b
JOIN documents d USING (document_id)
JOIN (SELECT unnest(?::VARCHAR[]) AS source, unnest(?::DATE[]) AS report_date) k
  ON b.source = k.source AND b.report_date = k.report_date
WHERE b.is_latest;
