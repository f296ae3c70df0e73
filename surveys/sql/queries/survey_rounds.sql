-- Every survey round, the newest (the round in force) first.
SELECT round_id, name, opens_on, deadline, created_at, created_by
FROM survey_rounds
ORDER BY round_id DESC;
