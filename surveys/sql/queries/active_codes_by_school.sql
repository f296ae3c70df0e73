-- Schools holding a code that is neither revoked nor expired at $now.
SELECT school_code, count(*) AS n_active_codes, max(expires_at) AS code_expires_at
FROM upload_codes
WHERE revoked_at IS NULL AND expires_at > $now
GROUP BY school_code;
