UPDATE subsidy_review_assignments
SET declared_at = $at, has_conflict = $has_conflict, conflict_reason = $reason
WHERE round_id = $round_id AND reviewer_id = $reviewer_id AND application_id = $application_id;
