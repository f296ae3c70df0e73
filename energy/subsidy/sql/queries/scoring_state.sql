SELECT action, actor, event_at FROM subsidy_scoring_events
WHERE round_id = $round_id
ORDER BY event_id DESC LIMIT 1;
