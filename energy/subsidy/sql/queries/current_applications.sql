SELECT * FROM current_subsidy_applications ORDER BY application_id;
