-- New documents, one JSON array per column (warehouse/columns.py); not parsed yet
-- (parse_error, parser_version and parsed_at stay NULL). Returns each new id with its
-- identity.
INSERT INTO documents (document_id, source, url, kind, fetched_at, http_status, content_type,
                       sha256, report_date, lang, parse_status)
SELECT nextval('document_id_seq'), unnest(?::JSON::VARCHAR[]), unnest(?::JSON::VARCHAR[]),
       unnest(?::JSON::VARCHAR[]), unnest(?::JSON::TIMESTAMPTZ[]), unnest(?::JSON::INTEGER[]),
       unnest(?::JSON::VARCHAR[]), unnest(?::JSON::VARCHAR[]), unnest(?::JSON::DATE[]),
       unnest(?::JSON::VARCHAR[]), unnest(?::JSON::VARCHAR[])
RETURNING document_id, source, url, kind, http_status, sha256;
