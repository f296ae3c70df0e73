UPDATE upload_codes SET revoked_at = $at, revoked_by = $actor
WHERE revoked_at IS NULL AND ($code_id IS NULL OR code_id = $code_id)
  AND ($school_code IS NULL OR school_code = $school_code)
RETURNING code_id, school_code;
