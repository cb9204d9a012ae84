-- The newest run, columns as status.RUN_KEYS.
SELECT run_id, flow, started_at, finished_at, outcome, documents_fetched, bulletins_loaded,
       checks_failed, message, pid, host
FROM runs
ORDER BY run_id DESC
LIMIT 1;
