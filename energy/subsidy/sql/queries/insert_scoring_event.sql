INSERT INTO subsidy_scoring_events (action, actor, event_at) VALUES ($action, $actor, $at)
RETURNING event_id;
