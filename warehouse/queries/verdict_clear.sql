-- The check verdicts about to be judged again: those of the dates the check judges (their
-- rows may no longer fail) and those of verdict_targets.
DELETE FROM verdicts v
WHERE v.kind = 'check'
  AND (EXISTS (SELECT 1 FROM check_targets t
               WHERE t.source = v.source AND t.report_date = v.report_date)
       OR EXISTS (SELECT 1 FROM verdict_targets f
                  WHERE f.source = v.source AND f.report_date = v.report_date
                    AND f.category = v.category));
