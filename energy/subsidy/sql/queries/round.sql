SELECT * FROM subsidy_rounds WHERE round_id = $round_id;
