SELECT status FROM subsidy_outcomes
WHERE round_id = $round_id AND application_id = $application_id
ORDER BY outcome_id DESC LIMIT 1;
