SELECT max(round_id) FROM subsidy_rounds;
