-- Each category's daily bound and growth factor, for the check's `implausible`: one
-- JSON array per column (warehouse/columns.py).
INSERT INTO plausibility_bounds (category, daily_bound, growth_factor)
SELECT unnest(?::JSON::VARCHAR[]), unnest(?::JSON::BIGINT[]), unnest(?::JSON::BIGINT[]);
