SELECT nextval('submission_id_seq') AS submission_id FROM range($n);
