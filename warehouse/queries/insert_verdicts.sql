-- Verdicts, one list per column (judged_at: one value).
INSERT INTO verdicts (source, report_date, category, verdict, implied, note, judged_at)
SELECT unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
       unnest(?::BIGINT[]), unnest(?::VARCHAR[]), ?::TIMESTAMPTZ;
