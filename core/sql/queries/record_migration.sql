INSERT INTO schema_migrations (component, version, name, applied_at)
VALUES ($component, $version, $name, $applied_at);
