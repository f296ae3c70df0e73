-- The upload-code and audit tables moved to the platform (core/sql/migrations/001). This
-- version stays recorded in old databases; on a new one it does nothing.
SELECT 1;
