-- 002: plausibility bounds and the `implausible` check status (with a note saying
-- why). DuckDB cannot alter a CHECK constraint, so `checks` is rebuilt.

CREATE TABLE plausibility_bounds (
    category      VARCHAR PRIMARY KEY,
    daily_bound   BIGINT NOT NULL,   -- a daily increase above this is implausible
    growth_factor BIGINT NOT NULL    -- a total above this many times the previous one is too
);

CREATE TABLE checks_v2 (
    source            VARCHAR NOT NULL,
    report_date       DATE NOT NULL,
    category          VARCHAR NOT NULL,
    revision          INTEGER NOT NULL,
    previous_date     DATE,
    previous_revision INTEGER,
    compared_with     VARCHAR,
    previous_total    BIGINT,
    total             BIGINT NOT NULL,
    reported_delta    BIGINT,
    computed_delta    BIGINT,
    status            VARCHAR NOT NULL CHECK (status IN (
        'ok', 'mismatch', 'gap', 'restated', 'new_category', 'merged_category', 'no_delta',
        'implausible')),
    note              VARCHAR,           -- why, for every status but ok
    checked_at        TIMESTAMPTZ NOT NULL
);

INSERT INTO checks_v2 (source, report_date, category, revision, previous_date,
                       previous_revision, compared_with, previous_total, total,
                       reported_delta, computed_delta, status, note, checked_at)
SELECT source, report_date, category, revision, previous_date, previous_revision,
       compared_with, previous_total, total, reported_delta, computed_delta, status,
       NULL, checked_at
FROM checks;

DROP TABLE checks;
ALTER TABLE checks_v2 RENAME TO checks;

-- Everything the check found that is not `ok`.
-- Judge everything again with the bounds at the next check.
UPDATE bulletins SET checked = false;

CREATE VIEW check_findings AS
SELECT * FROM checks WHERE status <> 'ok';
