-- Documents to parse, oldest first, as StoredDocument (columns in its order):
-- never parsed or quarantined (pending, error), listings excluded; with a parser
-- version ($parser_version), also the 200 pages an older parser set aside as not a
-- bulletin. Not those superseded: the same URL answered later with a document that
-- is not ignored. $source: of one source (NULL: all).
SELECT document_id, source, url, kind, fetched_at, http_status, content_type, sha256,
       report_date, lang, parse_status, parse_error, parser_version
FROM documents
WHERE (parse_status IN ('pending', 'error')
       OR (parse_status = 'ignored' AND parser_version IS NOT NULL
           AND parser_version <> $parser_version::VARCHAR AND http_status = 200))
  AND kind <> 'listing'
  AND ($source::VARCHAR IS NULL OR source = $source::VARCHAR)
  AND NOT EXISTS (
      SELECT 1 FROM documents newer
      WHERE newer.source = documents.source AND newer.url = documents.url
        AND newer.kind = documents.kind AND newer.document_id > documents.document_id
        AND newer.parse_status <> 'ignored')
ORDER BY document_id;
