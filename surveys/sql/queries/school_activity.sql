-- Each school's latest step in the audit trail: a code issued, checked or revoked, a sheet
-- submitted (a submission names its schools joined by commas).
WITH named AS (
    SELECT logged_at, action, trim(unnest(string_split(subject, ','))) AS school_code
    FROM audit_log
    WHERE subject IS NOT NULL
      AND action IN ('code_issued', 'code_accepted', 'code_revoked', 'submission')
)
SELECT school_code, max(logged_at) AS last_activity_at,
       arg_max(action, logged_at) AS last_activity
FROM named
GROUP BY school_code;
