SELECT s.submission_id, s.school_code, s.school_name, s.submitted_at, s.n_buildings,
       u.upload_id, u.file_name, u.sha256, u.size_bytes, u.source, u.n_warnings, u.is_demo,
       s.submission_id = c.submission_id AS is_current
FROM submissions AS s
JOIN uploads AS u USING (upload_id)
LEFT JOIN current_submissions AS c USING (school_code)
WHERE $school_code IS NULL OR s.school_code = $school_code
ORDER BY s.school_code, s.submitted_at DESC, s.submission_id DESC;
