SELECT round_id, name, status
FROM subsidy_rounds
WHERE round_id = (SELECT max(round_id) FROM subsidy_rounds);
