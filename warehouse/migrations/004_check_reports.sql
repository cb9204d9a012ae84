-- 004: the failures `losses check` has reported. It exits 1 for each failing check
-- row once, whoever judged it (a flow's run or the command itself); a row judged
-- again the same way (`--full`) is not new. What failed before this version counts
-- as reported.
CREATE TABLE check_reports (
    source      VARCHAR NOT NULL,
    report_date DATE NOT NULL,
    category    VARCHAR NOT NULL,
    revision    INTEGER NOT NULL,
    status      VARCHAR NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, report_date, category, revision, status)
);

INSERT INTO check_reports (source, report_date, category, revision, status, reported_at)
SELECT source, report_date, category, revision, status, now()
FROM checks WHERE status IN ('mismatch', 'restated', 'implausible');
