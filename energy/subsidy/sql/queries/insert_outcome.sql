INSERT INTO subsidy_outcomes (round_id, application_id, status, measured_kwh, note, actor, recorded_at,
                              is_demo)
VALUES ($round_id, $application_id, $status, $measured_kwh, $note, $actor, $at, $is_demo)
RETURNING outcome_id;
