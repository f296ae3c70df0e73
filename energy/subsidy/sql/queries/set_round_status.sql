UPDATE subsidy_rounds SET status = $status WHERE round_id = $round_id;
