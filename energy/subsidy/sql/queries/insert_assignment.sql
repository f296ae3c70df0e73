INSERT INTO subsidy_review_assignments (reviewer_id, application_id, assigned_by, assigned_at,
                                        round_id)
VALUES ($reviewer_id, $application_id, $assigned_by, $assigned_at, $round_id)
ON CONFLICT (reviewer_id, application_id) DO NOTHING
RETURNING assignment_id;
