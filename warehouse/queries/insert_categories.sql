-- The categories of parsers/vocabulary.py, in canonical order (position): one JSON
-- array per column (warehouse/columns.py).
INSERT INTO categories (name, position, reference_key, api_key, first_date, last_date)
SELECT unnest(?::JSON::VARCHAR[]), unnest(?::JSON::INTEGER[]), unnest(?::JSON::VARCHAR[]),
       unnest(?::JSON::VARCHAR[]), unnest(?::JSON::DATE[]), unnest(?::JSON::DATE[]);
