-- The ten newest quarantined documents whose date is still missing (not loaded
-- since from another copy): (document_id, url, parse_error).
SELECT document_id, url, parse_error
FROM documents d
WHERE parse_status = 'error'
  AND NOT EXISTS (SELECT 1 FROM bulletins b
                  WHERE b.source = d.source AND b.report_date = d.report_date)
ORDER BY document_id DESC
LIMIT 10;
