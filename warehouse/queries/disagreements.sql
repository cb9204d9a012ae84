-- Each source's figure dated $first..$last that differs from the reconciled series
-- (warehouse/reconcile.py), with what its verdict needs: the reconciled totals of the
-- dates before and after, the source's own totals there, and the totals of superseded
-- revisions of that date and category in any source.
WITH rec AS (
    SELECT report_date, category, total FROM reconciled_span($first::DATE - 1, $last::DATE + 1)
),
obs AS (
    SELECT source, report_date, category, revision, total
    FROM latest_observations
    WHERE source <> 'text' AND report_date BETWEEN $first::DATE - 1 AND $last::DATE + 1
),
superseded AS (
    SELECT x.report_date, x.category,
           list({'source': x.source, 'revision': x.revision, 'total': x.total}
                ORDER BY x.source, x.revision) AS superseded
    FROM observations x
    JOIN bulletins b USING (source, report_date, revision)
    WHERE NOT b.is_latest AND x.report_date BETWEEN $first::DATE AND $last::DATE
    GROUP BY x.report_date, x.category
)
SELECT o.source, o.report_date, o.category, o.total, r.total AS reconciled,
       rb.total AS reconciled_before, ra.total AS reconciled_after,
       ob.total AS source_before, oa.total AS source_after,
       coalesce(s.superseded, []) AS superseded
FROM obs o
JOIN rec r ON r.report_date = o.report_date AND r.category = o.category AND r.total <> o.total
LEFT JOIN rec rb ON rb.report_date = o.report_date - 1 AND rb.category = o.category
LEFT JOIN rec ra ON ra.report_date = o.report_date + 1 AND ra.category = o.category
LEFT JOIN obs ob
  ON ob.source = o.source AND ob.report_date = o.report_date - 1 AND ob.category = o.category
LEFT JOIN obs oa
  ON oa.source = o.source AND oa.report_date = o.report_date + 1 AND oa.category = o.category
LEFT JOIN superseded s ON s.report_date = o.report_date AND s.category = o.category
WHERE o.report_date BETWEEN $first::DATE AND $last::DATE
  AND ($source::VARCHAR[] IS NULL OR list_contains($source::VARCHAR[], o.source))
ORDER BY o.report_date, o.category, o.source;
