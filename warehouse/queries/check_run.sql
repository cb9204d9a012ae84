-- The delta check of every (source, report_date) in check_targets, against the
-- stored date before it (latest revisions). See warehouse/checking.py for the rules.
INSERT INTO checks (source, report_date, category, revision, previous_date, previous_revision,
                    compared_with, previous_total, total, reported_delta, computed_delta,
                    status, note, checked_at)
WITH heads AS (
    SELECT source, report_date, revision FROM bulletins WHERE is_latest
),
paired AS (
    -- each target with the nearest stored date before it (ASOF: no scan per target)
    SELECT t.source, t.report_date, h.revision,
           p.report_date AS previous_date, p.revision AS previous_revision
    FROM check_targets t
    JOIN heads h USING (source, report_date)
    ASOF LEFT JOIN heads p ON t.source = p.source AND t.report_date > p.report_date
),
current AS (
    SELECT pr.*, o.category, o.total, o.reported_delta
    FROM paired pr
    JOIN observations o USING (source, report_date, revision)
),
before AS (
    SELECT o.source, o.report_date, o.category, o.total
    FROM observations o
    JOIN (SELECT DISTINCT source, previous_date, previous_revision FROM paired) pp
      ON o.source = pp.source
     AND o.report_date = pp.previous_date
     AND o.revision = pp.previous_revision
),
parents AS (
    SELECT child, count(*) AS n, string_agg(parent, '+' ORDER BY parent) AS names
    FROM category_lineage GROUP BY child
),
merged AS (
    -- a merged category's first day continues the sum of its parents
    SELECT c.source, c.report_date, c.category, sum(b.total) AS parents_total, count(*) AS n
    FROM current c
    JOIN category_lineage l ON l.child = c.category
    JOIN before b
      ON b.source = c.source AND b.report_date = c.previous_date AND b.category = l.parent
    GROUP BY c.source, c.report_date, c.category
),
compared AS (
    SELECT c.*,
        CASE WHEN b.total IS NOT NULL THEN c.category
             WHEN m.n = pa.n THEN pa.names END AS compared_with,
        coalesce(b.total, CASE WHEN m.n = pa.n THEN m.parents_total END) AS previous_total,
        date_diff('day', c.previous_date, c.report_date) AS days
    FROM current c
    LEFT JOIN before b
      ON b.source = c.source AND b.report_date = c.previous_date AND b.category = c.category
    LEFT JOIN merged m
      ON m.source = c.source AND m.report_date = c.report_date AND m.category = c.category
    LEFT JOIN parents pa ON pa.child = c.category
),
target_span AS (
    -- the dates whose increases the targets' trailing windows need, per source
    SELECT source, min(report_date) - $trailing_days AS first_day, max(report_date) AS last_day
    FROM check_targets GROUP BY source
),
recent AS (
    -- each date's median stated increase over the source's previous $trailing_days days
    SELECT o.source, o.report_date, o.category,
        median(o.reported_delta) OVER w AS recent_median,
        count(o.reported_delta) OVER w AS recent_n
    FROM observations o
    JOIN heads h USING (source, report_date, revision)
    JOIN target_span s
      ON s.source = o.source AND o.report_date BETWEEN s.first_day AND s.last_day
    WINDOW w AS (PARTITION BY o.source, o.category ORDER BY o.report_date
                 RANGE BETWEEN to_days($trailing_days) PRECEDING AND INTERVAL 1 DAY PRECEDING)
),
computed AS (
    SELECT c.*, c.total - c.previous_total AS computed_delta,
           pb.growth_factor, pb.daily_bound AS static_bound, t.recent_median,
           -- adaptive: the war's tempo raises a category's bound, never below the static one
           CASE WHEN t.recent_n >= $trailing_min
                THEN greatest(pb.daily_bound, ceil($trailing_factor * t.recent_median)::BIGINT)
                ELSE pb.daily_bound END AS daily_bound
    FROM compared c
    LEFT JOIN plausibility_bounds pb ON pb.category = c.category
    LEFT JOIN recent t
      ON t.source = c.source AND t.report_date = c.report_date AND t.category = c.category
),
reasoned AS (
    SELECT *,
        CASE
            WHEN reported_delta < 0 THEN
                format('reported increase {} is negative', reported_delta)
            WHEN previous_total IS NOT NULL AND reported_delta > daily_bound THEN
                format('reported increase {} is over the daily bound {}{}',
                       reported_delta, daily_bound, bound_why)
            WHEN previous_total IS NOT NULL AND computed_delta > daily_bound * days THEN
                format('total grew by {} in {} day(s), over the daily bound {}{}',
                       computed_delta, days, daily_bound, bound_why)
            WHEN previous_total > 0 AND total > growth_factor * previous_total THEN
                format('total {} is over {}x the previous total {}',
                       total, growth_factor, previous_total)
        END AS implausible
    FROM (SELECT *,
              CASE WHEN daily_bound > static_bound
                   THEN format(' ({}x the median {} of the previous {} days)',
                               $trailing_factor, recent_median, $trailing_days)
                   ELSE '' END AS bound_why
          FROM computed)
),
judged AS (
    SELECT *,
        CASE
            WHEN implausible IS NOT NULL THEN 'implausible'
            WHEN previous_total IS NULL THEN 'new_category'
            WHEN computed_delta < 0 THEN 'restated'
            WHEN reported_delta IS NULL THEN 'no_delta'
            WHEN days > 1 AND computed_delta >= reported_delta THEN 'gap'
            WHEN computed_delta <> reported_delta THEN 'mismatch'
            WHEN compared_with <> category THEN 'merged_category'
            ELSE 'ok'
        END AS status
    FROM reasoned
)
SELECT source, report_date, category, revision, previous_date, previous_revision,
    compared_with, previous_total, total, reported_delta, computed_delta, status,
    CASE status
        WHEN 'implausible' THEN implausible
        WHEN 'new_category' THEN CASE
            WHEN previous_date IS NULL THEN 'first stored date of this source'
            ELSE format('not in the bulletin of {}', previous_date) END
        WHEN 'restated' THEN format('total fell from {} to {}', previous_total, total)
        WHEN 'no_delta' THEN 'the bulletin states no increase'
        WHEN 'gap' THEN format('{} day(s) missing since {}', days - 1, previous_date)
        WHEN 'mismatch' THEN format('reported +{}, the totals differ by {}{}',
            reported_delta, computed_delta,
            CASE WHEN days > 1 THEN format(' over {} days', days) ELSE '' END)
        WHEN 'merged_category' THEN format('continues {}', compared_with)
    END AS note,
    $checked_at AS checked_at
FROM judged;
