SELECT round_id, name, status, intention_opens, intention_closes, application_opens,
       application_closes, budget_cny, budget_default_share, caps_json, rubric_sha256,
       from_round, created_at, created_by, decided_at, decided_run_id, is_demo
FROM subsidy_rounds
ORDER BY round_id DESC;
