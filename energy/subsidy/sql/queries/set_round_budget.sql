UPDATE subsidy_rounds SET budget_cny = $budget_cny WHERE round_id = $round_id;
