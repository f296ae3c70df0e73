SELECT * FROM current_submissions ORDER BY school_code;
