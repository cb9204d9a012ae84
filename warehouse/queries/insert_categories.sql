-- The categories of parsers/vocabulary.py, in canonical order (position).
INSERT INTO categories (name, position, reference_key, api_key, first_date, last_date)
VALUES (?, ?, ?, ?, ?, ?);
