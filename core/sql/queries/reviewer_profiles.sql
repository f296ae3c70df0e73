SELECT account, full_name, school_code, district, created_by, created_at
FROM reviewer_profiles ORDER BY account;
