-- A run starts: its flow, parameters (JSON) and start time; returns its id.
INSERT INTO runs (flow, parameters, started_at, outcome)
VALUES (?, ?, ?, 'running')
RETURNING run_id;
