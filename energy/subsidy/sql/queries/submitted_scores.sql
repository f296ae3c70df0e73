SELECT s.reviewer_id, s.criterion, s.score, s.comment
FROM subsidy_online_scores AS s
JOIN subsidy_review_assignments AS a USING (round_id, reviewer_id, application_id)
WHERE s.round_id = $round_id AND s.application_id = $application_id
  AND a.submitted_at IS NOT NULL
ORDER BY s.reviewer_id, s.criterion;
