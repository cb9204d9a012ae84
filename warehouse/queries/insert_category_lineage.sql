-- Which categories a merged one continues (parsers/vocabulary.py MERGES), one row a parent.
INSERT INTO category_lineage (child, parent, since)
VALUES (?, ?, ?);
