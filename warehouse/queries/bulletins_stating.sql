-- The bulletins (daily_losses_long) stating given figures: the pairs of $categories and
-- $values (lists of one length, zipped), each matched to every report date whose total or
-- increase of the category equals the value.
WITH stated AS (
    SELECT DISTINCT unnest($categories::VARCHAR[]) AS category,
                    unnest($values::BIGINT[]) AS value
)
SELECT l.report_date, l.category, s.value,
       l.total = s.value AS as_total,
       coalesce(l.delta = s.value, false) AS as_increase
FROM daily_losses_long l
JOIN stated s ON l.category = s.category AND (l.total = s.value OR l.delta = s.value)
ORDER BY l.report_date, l.category, s.value;
