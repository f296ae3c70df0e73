-- The platform's tables: school upload codes (stored hashed) and the audit trail.
-- Databases made before the platform had its own package created them in surveys migration
-- 003; IF NOT EXISTS lets this migration find them there.

CREATE SEQUENCE IF NOT EXISTS upload_code_id_seq START 1;

CREATE TABLE IF NOT EXISTS upload_codes (
    code_id      BIGINT PRIMARY KEY DEFAULT nextval('upload_code_id_seq'),
    school_code  VARCHAR NOT NULL,
    code_sha256  VARCHAR NOT NULL UNIQUE,   -- SHA-256 of an 80-bit random code, never the code
    issued_at    TIMESTAMP NOT NULL,        -- UTC
    expires_at   TIMESTAMP NOT NULL,        -- UTC
    issued_by    VARCHAR NOT NULL,
    revoked_at   TIMESTAMP,
    revoked_by   VARCHAR
);

CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;

CREATE TABLE IF NOT EXISTS audit_log (
    audit_id     BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    logged_at    TIMESTAMP NOT NULL,        -- UTC
    actor        VARCHAR NOT NULL,          -- committee account, school:<code>, cli, system
    action       VARCHAR NOT NULL,          -- submission, sign_in, sign_in_failed, code_issued, ...
    subject      VARCHAR,                   -- school code, upload id, run id, file name ...
    detail       VARCHAR                    -- JSON
);
