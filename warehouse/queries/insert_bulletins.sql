-- New bulletin revisions, one JSON array per column (warehouse/columns.py); not checked yet.
INSERT INTO bulletins (source, report_date, revision, document_id, lang, parser_version,
                       figures_hash, categories, loaded_at, losses_date, is_latest, checked)
SELECT unnest(?::JSON::VARCHAR[]), unnest(?::JSON::DATE[]), unnest(?::JSON::INTEGER[]),
       unnest(?::JSON::BIGINT[]), unnest(?::JSON::VARCHAR[]), unnest(?::JSON::VARCHAR[]),
       unnest(?::JSON::VARCHAR[]), unnest(?::JSON::INTEGER[]), unnest(?::JSON::TIMESTAMPTZ[]),
       unnest(?::JSON::DATE[]), unnest(?::JSON::BOOLEAN[]), false;
