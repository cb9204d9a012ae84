-- What loading made of each document: (id, status, error, parser version) as four
-- JSON arrays, parsed at one time.
UPDATE documents
SET parse_status = u.status, parse_error = u.error, parser_version = u.version, parsed_at = ?
FROM (SELECT unnest(?::JSON::BIGINT[]) AS id, unnest(?::JSON::VARCHAR[]) AS status,
             unnest(?::JSON::VARCHAR[]) AS error, unnest(?::JSON::VARCHAR[]) AS version) u
WHERE document_id = u.id;
