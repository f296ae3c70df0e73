SELECT run_id, run_at, round_id, rubric_name, rubric_version, rubric_sha256, method, budget_cny,
       is_demo
FROM subsidy_runs
WHERE $round_id IS NULL OR round_id = $round_id
ORDER BY run_at DESC, run_id DESC;
