-- Set documents aside as not bulletins: ids and reasons as two lists.
UPDATE documents
SET parse_status = 'ignored', parse_error = u.reason, parsed_at = ?, parser_version = ?
FROM (SELECT unnest(?::BIGINT[]) AS id, unnest(?::VARCHAR[]) AS reason) u
WHERE document_id = u.id;
