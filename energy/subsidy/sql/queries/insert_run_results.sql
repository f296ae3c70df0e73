INSERT INTO subsidy_run_results BY NAME SELECT * FROM staged_results;
