-- What loading a batch needs, in one statement (each costs DuckDB ~0.5 ms):
-- the documents $ids ('document' rows: source, fetched_at, parse_status, parse_error,
-- parser_version, url) and every stored revision of the ($sources, $dates) pairs
-- ('bulletin' rows: document_id, source, date, revision, figures_hash, is_latest and
-- the URL of the document it came from).
SELECT 'document', document_id, source, NULL::DATE, NULL::INTEGER, fetched_at,
       parse_status, parse_error, parser_version, NULL::BOOLEAN, url
FROM documents
WHERE document_id IN (SELECT unnest($ids::BIGINT[]))
UNION ALL
SELECT 'bulletin', b.document_id, b.source, b.report_date, b.revision, NULL,
       b.figures_hash, NULL, NULL, b.is_latest, d.url
FROM bulletins b
JOIN (SELECT unnest($sources::VARCHAR[]) AS source, unnest($dates::DATE[]) AS report_date) k
  USING (source, report_date)
JOIN documents d ON d.document_id = b.document_id;
