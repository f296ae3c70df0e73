SELECT assignment_id, reviewer_id, application_id, assigned_by, assigned_at, declared_at,
       has_conflict, conflict_reason, submitted_at
FROM subsidy_review_assignments
WHERE ($reviewer_id IS NULL OR reviewer_id = $reviewer_id)
  AND ($round_id IS NULL OR round_id = $round_id)
ORDER BY application_id, reviewer_id;
