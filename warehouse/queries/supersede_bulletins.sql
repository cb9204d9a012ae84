-- Stored revisions that are no longer the latest: (source, date, revision) as three JSON
-- arrays (warehouse/columns.py).
UPDATE bulletins
SET is_latest = false
FROM (SELECT unnest(?::JSON::VARCHAR[]) AS s, unnest(?::JSON::DATE[]) AS d,
             unnest(?::JSON::INTEGER[]) AS r) old
WHERE source = old.s AND report_date = old.d AND revision = old.r;
