-- New bulletin revisions, one list per column; not checked yet.
INSERT INTO bulletins (source, report_date, revision, document_id, lang, parser_version,
                       figures_hash, categories, loaded_at, losses_date, is_latest, checked)
SELECT unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::INTEGER[]), unnest(?::BIGINT[]),
       unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
       unnest(?::INTEGER[]), unnest(?::TIMESTAMPTZ[]), unnest(?::DATE[]),
       unnest(?::BOOLEAN[]), false;
