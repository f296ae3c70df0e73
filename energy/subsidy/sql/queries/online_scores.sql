SELECT reviewer_id, application_id, criterion, score, comment, saved_at
FROM subsidy_online_scores
WHERE round_id = $round_id AND application_id = $application_id
  AND ($reviewer_id IS NULL OR reviewer_id = $reviewer_id)
ORDER BY reviewer_id, criterion;
