INSERT INTO audit_log (logged_at, actor, action, subject, detail)
VALUES ($logged_at, $actor, $action, $subject, $detail);
