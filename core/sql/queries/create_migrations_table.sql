CREATE TABLE IF NOT EXISTS schema_migrations (
    component   VARCHAR NOT NULL,
    version     INTEGER NOT NULL,
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (component, version)
);
