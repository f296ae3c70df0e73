INSERT INTO subsidy_clarifications (round_id, application_id, action, claimed_kwh, figure_kwh,
                                    reason, actor, decided_at)
VALUES ($round_id, $application_id, $action, $claimed_kwh, $figure_kwh, $reason, $actor,
        $decided_at)
RETURNING clarification_id;
