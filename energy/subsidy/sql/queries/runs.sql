SELECT run_id, run_at, rubric_name, rubric_version, rubric_sha256, method, budget_cny, is_demo
FROM subsidy_runs
ORDER BY run_at DESC, run_id DESC;
