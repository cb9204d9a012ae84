-- 1 when the open database has a schema_version table (0: an empty file).
SELECT count(*)
FROM duckdb_tables()
WHERE database_name = current_database() AND table_name = 'schema_version';
