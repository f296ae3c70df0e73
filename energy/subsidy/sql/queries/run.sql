SELECT * FROM subsidy_runs WHERE run_id = $run_id;
