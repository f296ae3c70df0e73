SELECT assignment_id, declared_at, has_conflict, submitted_at
FROM subsidy_review_assignments
WHERE reviewer_id = $reviewer_id AND application_id = $application_id;
