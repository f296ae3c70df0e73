INSERT INTO subsidy_review_assignments (round_id, reviewer_id, application_id, assigned_by,
                                        assigned_at)
VALUES ($round_id, $reviewer_id, $application_id, $assigned_by, $assigned_at)
ON CONFLICT (round_id, reviewer_id, application_id) DO NOTHING
RETURNING assignment_id;
