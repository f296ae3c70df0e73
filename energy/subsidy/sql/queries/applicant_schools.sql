-- Every school that applied in any round, with its latest name.
SELECT school_code, max_by(school_name, submitted_at) AS school_name
FROM current_subsidy_applications
GROUP BY school_code
ORDER BY school_code;
