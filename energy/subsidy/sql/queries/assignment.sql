SELECT assignment_id, declared_at, has_conflict, submitted_at
FROM subsidy_review_assignments
WHERE round_id = $round_id AND reviewer_id = $reviewer_id AND application_id = $application_id;
