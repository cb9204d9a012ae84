-- The figures of new bulletin revisions, one JSON array per column (warehouse/columns.py).
INSERT INTO observations (source, report_date, revision, category, total, reported_delta,
                          qualifier, approximate, document_id, parser_version)
SELECT unnest(?::JSON::VARCHAR[]), unnest(?::JSON::DATE[]), unnest(?::JSON::INTEGER[]),
       unnest(?::JSON::VARCHAR[]), unnest(?::JSON::BIGINT[]), unnest(?::JSON::BIGINT[]),
       unnest(?::JSON::VARCHAR[]), unnest(?::JSON::BOOLEAN[]), unnest(?::JSON::BIGINT[]),
       unnest(?::JSON::VARCHAR[]);
