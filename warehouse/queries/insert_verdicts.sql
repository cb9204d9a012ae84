-- Verdicts of one kind, one list per column (kind, judged_at: one value each).
INSERT INTO verdicts (kind, source, report_date, category, verdict, implied, note, judged_at)
SELECT ?::VARCHAR, unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]),
       unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[]), ?::TIMESTAMPTZ;
