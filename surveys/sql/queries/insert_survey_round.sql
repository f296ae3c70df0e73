INSERT INTO survey_rounds (name, opens_on, deadline, created_at, created_by)
VALUES ($name, $opens_on, $deadline, $created_at, $created_by)
RETURNING round_id;
