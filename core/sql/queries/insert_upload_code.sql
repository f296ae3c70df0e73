INSERT INTO upload_codes (school_code, code_sha256, issued_at, expires_at, issued_by)
VALUES ($school_code, $code_sha256, $issued_at, $expires_at, $issued_by)
RETURNING code_id;
