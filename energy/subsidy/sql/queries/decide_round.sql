UPDATE subsidy_rounds SET status = 'decided', decided_at = $at, decided_run_id = $run_id
WHERE round_id = $round_id;
