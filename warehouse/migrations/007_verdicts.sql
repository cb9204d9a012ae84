-- 007: a verdict on every check failure and every disagreement between sources
-- (warehouse/verdicts.py, warehouse/reconcile.py): official correction, likely typo,
-- source lag or unexplained, with the value the neighbouring days or the other
-- sources imply. kind: 'check' (a failure of the source's own chain) or
-- 'disagreement' (the source's figure differs from the reconciled series).
CREATE TABLE verdicts (
    kind        VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    report_date DATE NOT NULL,
    category    VARCHAR NOT NULL,
    verdict     VARCHAR NOT NULL,
    implied     BIGINT,
    note        VARCHAR NOT NULL,
    judged_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, source, report_date, category)
);
