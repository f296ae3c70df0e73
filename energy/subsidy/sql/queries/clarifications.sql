SELECT clarification_id, application_id, action, claimed_kwh, figure_kwh, reason, actor,
       decided_at
FROM subsidy_clarifications
WHERE round_id = $round_id
ORDER BY decided_at, clarification_id;
