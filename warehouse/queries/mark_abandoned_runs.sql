-- Runs left 'running' by a process that is gone: crashed, saying which process it was.
UPDATE runs
SET outcome = 'crashed', finished_at = ?::TIMESTAMPTZ,
    message = 'its process (pid ' || coalesce(CAST(pid AS VARCHAR), '?') || ' on '
              || coalesce(host, '?') || ') ended without finishing it (killed, or the '
              || 'machine stopped); found by a later run'
WHERE outcome = 'running' AND run_id IN (SELECT unnest(?::BIGINT[]))
RETURNING run_id;
