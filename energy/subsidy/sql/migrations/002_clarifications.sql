-- Committee decisions on held claims (待核实): a claim above its project type's plausible
-- bound is held until a committee member confirms it or corrects it, with a reason. Every
-- decision is kept; the latest per application counts, and only for the claim it was made
-- on (claimed_kwh). The same decision is written to audit_log in the same transaction.

CREATE SEQUENCE subsidy_clarification_id_seq START 1;

CREATE TABLE subsidy_clarifications (
    clarification_id  BIGINT PRIMARY KEY DEFAULT nextval('subsidy_clarification_id_seq'),
    application_id    VARCHAR NOT NULL,
    action            VARCHAR NOT NULL,   -- confirmed or corrected
    claimed_kwh       DOUBLE NOT NULL,    -- the claim decided on [kWh/yr]
    figure_kwh        DOUBLE NOT NULL,    -- the figure scored from now on [kWh/yr]
    reason            VARCHAR NOT NULL,
    actor             VARCHAR NOT NULL,   -- committee account or cli
    decided_at        TIMESTAMP NOT NULL  -- UTC
);
