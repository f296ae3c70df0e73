INSERT INTO subsidy_runs (run_at, rubric_name, rubric_version, rubric_sha256, rubric_toml,
                          method, budget_cny, parameters_json, result_json, is_demo, round_id)
VALUES ($run_at, $rubric_name, $rubric_version, $rubric_sha256, $rubric_toml, $method,
        $budget_cny, $parameters_json, $result_json, $is_demo, $round_id)
RETURNING run_id;
