-- After the decision (energy/subsidy/outcomes.py): each awarded project's status trail,
-- awarded → under_construction (在建) → accepted (验收), one row a step with who and when,
-- and at acceptance the measured first-year saving or generation. The same step is written
-- to audit_log in the same transaction.

CREATE SEQUENCE subsidy_outcome_id_seq START 1;

CREATE TABLE subsidy_outcomes (
    outcome_id      BIGINT PRIMARY KEY DEFAULT nextval('subsidy_outcome_id_seq'),
    round_id        VARCHAR NOT NULL,
    application_id  VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,    -- awarded, under_construction, accepted
    measured_kwh    DOUBLE,              -- accepted only: measured first year [kWh/yr]
    note            VARCHAR,
    actor           VARCHAR NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,  -- UTC
    is_demo         BOOLEAN NOT NULL DEFAULT false,
    UNIQUE (round_id, application_id, status)
);
