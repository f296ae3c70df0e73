SELECT outcome_id, round_id, application_id, status, measured_kwh, note, actor, recorded_at, is_demo
FROM subsidy_outcomes
WHERE ($round_id IS NULL OR round_id = $round_id)
ORDER BY round_id, application_id, outcome_id;
