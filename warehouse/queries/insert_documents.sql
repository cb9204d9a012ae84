-- New documents, one list per column; not parsed yet (parse_error, parser_version
-- and parsed_at stay NULL). Returns each new id with its identity.
INSERT INTO documents (document_id, source, url, kind, fetched_at, http_status, content_type,
                       sha256, report_date, lang, parse_status)
SELECT nextval('document_id_seq'), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
       unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]), unnest(?::INTEGER[]),
       unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]),
       unnest(?::VARCHAR[])
RETURNING document_id, source, url, kind, http_status, sha256;
