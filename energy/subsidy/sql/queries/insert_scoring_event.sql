INSERT INTO subsidy_scoring_events (round_id, action, actor, event_at)
VALUES ($round_id, $action, $actor, $at)
RETURNING event_id;
