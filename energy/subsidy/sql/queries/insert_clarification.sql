INSERT INTO subsidy_clarifications (application_id, action, claimed_kwh, figure_kwh, reason,
                                    actor, decided_at)
VALUES ($application_id, $action, $claimed_kwh, $figure_kwh, $reason, $actor, $decided_at)
RETURNING clarification_id;
