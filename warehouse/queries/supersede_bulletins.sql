-- Stored revisions that are no longer the latest: (source, date, revision) as three lists.
UPDATE bulletins
SET is_latest = false
FROM (SELECT unnest(?::VARCHAR[]) AS s, unnest(?::DATE[]) AS d, unnest(?::INTEGER[]) AS r) old
WHERE source = old.s AND report_date = old.d AND revision = old.r;
