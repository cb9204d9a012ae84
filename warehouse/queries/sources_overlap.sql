-- Whether two sources (the press texts aside) carry a bulletin of one date in ?..?.
SELECT EXISTS (
    SELECT report_date
    FROM bulletins
    WHERE is_latest AND source <> 'text' AND report_date BETWEEN ? AND ?
    GROUP BY report_date
    HAVING count(DISTINCT source) > 1
);
