SELECT count(*) FROM duckdb_tables() WHERE table_name = 'subsidy_rounds';
