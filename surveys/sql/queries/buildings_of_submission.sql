SELECT * FROM buildings WHERE submission_id = $submission_id ORDER BY source_row;
