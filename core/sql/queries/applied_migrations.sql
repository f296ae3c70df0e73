SELECT version FROM schema_migrations WHERE component = $component ORDER BY version;
