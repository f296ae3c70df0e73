INSERT INTO subsidy_online_scores (reviewer_id, application_id, criterion, score, comment,
                                   saved_at)
VALUES ($reviewer_id, $application_id, $criterion, $score, $comment, $saved_at)
ON CONFLICT (reviewer_id, application_id, criterion)
DO UPDATE SET score = excluded.score, comment = excluded.comment, saved_at = excluded.saved_at;
