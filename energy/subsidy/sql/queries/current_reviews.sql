SELECT * FROM current_subsidy_reviews WHERE round_id = $round_id
ORDER BY application_id, reviewer_id, criterion;
