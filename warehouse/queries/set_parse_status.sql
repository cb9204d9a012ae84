-- What loading made of each document: (id, status, error, parser version) as four
-- lists, parsed at one time.
UPDATE documents
SET parse_status = u.status, parse_error = u.error, parser_version = u.version, parsed_at = ?
FROM (SELECT unnest(?::BIGINT[]) AS id, unnest(?::VARCHAR[]) AS status,
             unnest(?::VARCHAR[]) AS error, unnest(?::VARCHAR[]) AS version) u
WHERE document_id = u.id;
