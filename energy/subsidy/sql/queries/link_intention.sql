UPDATE subsidy_intentions SET application_id = $application_id
WHERE intention_id = $intention_id AND round_id = $round_id
RETURNING intention_id;
