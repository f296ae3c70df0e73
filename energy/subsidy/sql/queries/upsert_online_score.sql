INSERT INTO subsidy_online_scores (round_id, reviewer_id, application_id, criterion, score,
                                   comment, saved_at)
VALUES ($round_id, $reviewer_id, $application_id, $criterion, $score, $comment, $saved_at)
ON CONFLICT (round_id, reviewer_id, application_id, criterion)
DO UPDATE SET score = excluded.score, comment = excluded.comment, saved_at = excluded.saved_at;
