-- The figures of new bulletin revisions, one list per column.
INSERT INTO observations (source, report_date, revision, category, total, reported_delta,
                          qualifier, approximate, document_id, parser_version)
SELECT unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]),
       unnest(?::BIGINT[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[]),
       unnest(?::BOOLEAN[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[]);
