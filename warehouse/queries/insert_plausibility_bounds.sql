-- Each category's daily bound and growth factor, for the check's `implausible`.
INSERT INTO plausibility_bounds (category, daily_bound, growth_factor)
VALUES (?, ?, ?);
