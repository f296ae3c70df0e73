INSERT INTO reviewer_profiles (account, full_name, school_code, district, created_by, created_at)
VALUES ($account, $full_name, $school_code, $district, $created_by, $created_at)
ON CONFLICT (account) DO UPDATE SET full_name = excluded.full_name,
    school_code = excluded.school_code, district = excluded.district;
