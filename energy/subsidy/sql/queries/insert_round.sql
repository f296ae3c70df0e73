INSERT INTO subsidy_rounds (round_id, name, intention_opens, intention_closes, application_opens,
                            application_closes, rubric_toml, rubric_sha256, budget_cny,
                            budget_default_share, caps_json, status, from_round, created_at,
                            created_by, is_demo)
VALUES ($round_id, $name, $intention_opens, $intention_closes, $application_opens,
        $application_closes, $rubric_toml, $rubric_sha256, $budget_cny, $budget_default_share,
        $caps_json, $status, $from_round, $created_at, $created_by, $is_demo);
