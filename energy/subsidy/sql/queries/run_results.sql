SELECT * FROM subsidy_run_results WHERE run_id = $run_id ORDER BY rank NULLS LAST, application_id;
