-- 008: one series from every source (warehouse/reconcile.py). For each report date and
-- category, the total the sources agree on or, where they differ, the one consistent
-- with the chain of totals and stated increases around it (then: the most sources,
-- then the preferred source); with its provenance and a confidence. Text pasted by
-- hand is not a source of the series; nor is a category one source alone carries on
-- a date two or more other sources cover.
CREATE MACRO reconciled_span(first_day, last_day) AS TABLE
WITH obs AS (
    SELECT o.report_date, o.losses_date, o.category, o.source, o.revision, o.total,
           o.reported_delta, o.qualifier, coalesce(p.rank, 2147483647) AS rank
    FROM latest_observations o
    LEFT JOIN source_preference p USING (source)
    WHERE o.source <> 'text' AND o.report_date BETWEEN first_day - 1 AND last_day + 1
),
candidates AS (
    -- each distinct total of a date and category, with the sources that give it
    SELECT report_date, category, total,
           count(*) AS n,
           list(source || ':' || revision ORDER BY rank, source) AS agreeing,
           mode(reported_delta) AS delta,
           mode(qualifier) AS qualifier,
           min(rank) AS best_rank,
           min(losses_date) AS losses_date
    FROM obs
    GROUP BY report_date, category, total
),
on_date AS (
    SELECT report_date, count(DISTINCT source) AS sources_on_date FROM obs GROUP BY report_date
),
counted AS (
    SELECT candidates.*, on_date.sources_on_date,
           count(*) OVER (PARTITION BY report_date, category) AS distinct_totals,
           sum(n) OVER (PARTITION BY report_date, category) AS reporting,
           row_number() OVER (PARTITION BY report_date, category
                              ORDER BY n DESC, best_rank, total) AS by_count
    FROM candidates
    JOIN on_date USING (report_date)
),
neighbours AS (
    -- the most given total of the dates before and after, and the increase stated after
    SELECT report_date, category,
           lag(report_date) OVER w AS prev_date, lag(total) OVER w AS prev_total,
           lead(report_date) OVER w AS next_date, lead(total) OVER w AS next_total,
           lead(delta) OVER w AS next_delta
    FROM counted
    WHERE by_count = 1
    WINDOW w AS (PARTITION BY category ORDER BY report_date)
),
scored AS (
    SELECT c.*,
           coalesce(nb.prev_date = c.report_date - 1 AND c.total - nb.prev_total = c.delta, false)::INT
         + coalesce(nb.next_date = c.report_date + 1 AND nb.next_total - c.total = nb.next_delta,
                    false)::INT AS chain
    FROM counted c
    JOIN neighbours nb USING (report_date, category)
),
chosen AS (
    SELECT *, row_number() OVER (PARTITION BY report_date, category
                                 ORDER BY chain DESC, n DESC, best_rank, total) AS pick
    FROM scored
),
differing AS (
    SELECT o.report_date, o.category,
           list({'source': o.source, 'revision': o.revision, 'total': o.total,
                 'difference': o.total - c.total} ORDER BY o.rank, o.source) AS differing
    FROM obs o
    JOIN chosen c
      ON c.pick = 1 AND c.report_date = o.report_date AND c.category = o.category
     AND c.total <> o.total
    GROUP BY o.report_date, o.category
)
SELECT c.report_date, c.losses_date, c.category, c.total, c.delta, c.qualifier,
       CASE
           WHEN c.distinct_totals = 1 AND c.n >= 2 THEN 'agreed'
           WHEN c.distinct_totals = 1 THEN 'single source'
           WHEN c.chain = 2 THEN 'chain'
           WHEN c.chain = 1 AND c.n * 2 > c.reporting THEN 'chain'
           WHEN c.n * 2 > c.reporting THEN 'majority'
           ELSE 'uncertain'
       END AS confidence,
       c.n AS agreeing_sources, c.reporting AS reporting_sources, c.agreeing,
       coalesce(d.differing, []) AS differing
FROM chosen c
LEFT JOIN differing d USING (report_date, category)
WHERE c.pick = 1 AND c.report_date BETWEEN first_day AND last_day
  -- a category one source alone carries while two or more others, that day, do not
  -- (the API's mobile SRBM systems after the category ended) is not the series'
  AND NOT (c.reporting = 1 AND c.sources_on_date >= 3);

CREATE VIEW reconciled_long AS
SELECT * FROM reconciled_span(DATE '2022-02-24', DATE '9999-12-31');
