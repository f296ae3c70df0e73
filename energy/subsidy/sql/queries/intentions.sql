SELECT intention_id, round_id, school_code, school_name, district, project_type,
       rough_investment_cny, description, source, file_name, submitted_by, submitted_at,
       application_id, is_demo
FROM subsidy_intentions
WHERE round_id = $round_id
ORDER BY intention_id;
