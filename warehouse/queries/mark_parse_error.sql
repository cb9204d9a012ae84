-- Quarantine one document ($id) with $error and the $parser_version that failed;
-- returns its id only when that changed something (the same error again writes nothing).
UPDATE documents
SET parse_status = 'error', parse_error = $error, parsed_at = $now,
    parser_version = $parser_version
WHERE document_id = $id
  AND (parse_status <> 'error' OR parse_error IS DISTINCT FROM $error
       OR parser_version IS DISTINCT FROM $parser_version)
RETURNING document_id;
