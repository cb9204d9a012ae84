-- 006: which process ran each run (its pid and host), so that a run whose process died
-- without finishing it (kill -9, a power cut) can be told from one still running.
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host VARCHAR;
