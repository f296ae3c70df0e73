SELECT audit_id, logged_at, actor, action, subject, detail
FROM audit_log
ORDER BY audit_id DESC
LIMIT $limit;
