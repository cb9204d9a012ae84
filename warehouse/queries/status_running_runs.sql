-- The runs recorded as running, oldest first, columns as status.RUNNING_KEYS: what
-- they were asked, their process, and when a document was last fetched since each began.
SELECT r.run_id, r.flow, r.parameters, r.started_at, r.pid, r.host,
       (SELECT max(d.fetched_at) FROM documents d WHERE d.fetched_at >= r.started_at)
FROM runs r
WHERE r.outcome = 'running'
ORDER BY r.run_id;
