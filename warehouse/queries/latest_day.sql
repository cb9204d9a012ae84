-- The newest report date's figures across sources (daily_losses_long: by preference).
SELECT report_date, category, total, delta, qualifier
FROM daily_losses_long
WHERE report_date = (SELECT max(report_date) FROM daily_losses_long);
