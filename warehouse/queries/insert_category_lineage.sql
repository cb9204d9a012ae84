-- Which categories a merged one continues (parsers/vocabulary.py MERGES), one row a
-- parent: one JSON array per column (warehouse/columns.py).
INSERT INTO category_lineage (child, parent, since)
SELECT unnest(?::JSON::VARCHAR[]), unnest(?::JSON::VARCHAR[]), unnest(?::JSON::DATE[]);
