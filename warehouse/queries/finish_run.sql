-- A run ends: how, with its counts; returns its id (none: no such run).
UPDATE runs
SET finished_at = $now, outcome = $outcome, documents_fetched = $documents_fetched,
    bulletins_loaded = $bulletins_loaded, checks_failed = $checks_failed, message = $message
WHERE run_id = $run_id
RETURNING run_id;
