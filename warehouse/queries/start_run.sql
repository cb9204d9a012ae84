-- A run starts: its flow, parameters (JSON), start time and process; returns its id.
INSERT INTO runs (flow, parameters, started_at, outcome, pid, host)
VALUES (?, ?, ?, 'running', ?, ?)
RETURNING run_id;
