-- 007: a verdict for every check failure (warehouse/verdicts.py): official correction,
-- likely typo, source lag or unexplained, with the value the neighbouring days imply.
CREATE TABLE verdicts (
    source      VARCHAR NOT NULL,
    report_date DATE NOT NULL,
    category    VARCHAR NOT NULL,
    verdict     VARCHAR NOT NULL,
    implied     BIGINT,
    note        VARCHAR NOT NULL,
    judged_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, report_date, category)
);
