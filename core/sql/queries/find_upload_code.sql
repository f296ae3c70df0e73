SELECT code_id, school_code, expires_at, revoked_at FROM upload_codes WHERE code_sha256 = $code_sha256;
