SELECT action, actor, event_at FROM subsidy_scoring_events ORDER BY event_id DESC LIMIT 1;
