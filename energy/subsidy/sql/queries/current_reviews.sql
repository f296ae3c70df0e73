SELECT * FROM current_subsidy_reviews ORDER BY application_id, reviewer_id, criterion;
