UPDATE subsidy_review_assignments SET submitted_at = $at
WHERE round_id = $round_id AND reviewer_id = $reviewer_id AND application_id = $application_id;
