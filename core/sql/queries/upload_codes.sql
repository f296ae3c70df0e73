SELECT code_id, school_code, issued_at, expires_at, issued_by, revoked_at, revoked_by,
       revoked_at IS NULL AND expires_at > $now AS active
FROM upload_codes
ORDER BY code_id DESC;
