"""The platform under the survey and the subsidy review: configuration, the DuckDB store and
its migrations, access (accounts, upload codes, throttling), the audit trail, backups, and the
isolated worker that parses untrusted files. Nothing here knows what a survey is."""
