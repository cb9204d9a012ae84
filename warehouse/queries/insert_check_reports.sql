-- Check rows reported now, one list per column (reported_at: one value).
INSERT INTO check_reports (source, report_date, category, revision, status, reported_at)
SELECT unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]),
       unnest(?::VARCHAR[]), ?::TIMESTAMPTZ;
