SELECT * FROM current_subsidy_applications WHERE round_id = $round_id ORDER BY application_id;
