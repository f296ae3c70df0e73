-- Subsidy review store, in the same DuckDB file as the surveys: every uploaded application
-- and expert-score sheet kept byte for byte with its parsed rows, and every ranking run kept
-- with the exact rubric text it used. Column names, types and units follow
-- energy/subsidy/schema.py (tests/subsidy/test_store.py checks it).

CREATE SEQUENCE subsidy_upload_id_seq START 1;
CREATE SEQUENCE subsidy_run_id_seq START 1;

CREATE TABLE subsidy_uploads (
    upload_id      BIGINT PRIMARY KEY DEFAULT nextval('subsidy_upload_id_seq'),
    kind           VARCHAR NOT NULL,            -- applications or reviews
    received_at    TIMESTAMP NOT NULL,          -- UTC
    file_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    content        BLOB NOT NULL,               -- the original file, exactly as received
    source         VARCHAR NOT NULL,            -- cli, upload, demo
    is_demo        BOOLEAN NOT NULL DEFAULT false,
    n_rows         INTEGER NOT NULL,
    n_warnings     INTEGER NOT NULL DEFAULT 0,
    report_json    VARCHAR,                     -- the validation report shown at import
    UNIQUE (kind, sha256)
);

CREATE TABLE subsidy_applications (
    upload_id                  BIGINT NOT NULL REFERENCES subsidy_uploads (upload_id),
    source_row                 INTEGER NOT NULL,   -- Excel row number in the original file
    submitted_at               TIMESTAMP NOT NULL, -- UTC
    is_demo                    BOOLEAN NOT NULL DEFAULT false,
    school_code                VARCHAR NOT NULL,
    school_name                VARCHAR,
    district                   VARCHAR,
    annual_electricity_kwh     DOUBLE,             -- [kWh/year] as stated by the school
    contact                    VARCHAR,
    application_id             VARCHAR NOT NULL,
    project_name               VARCHAR NOT NULL,
    project_type               VARCHAR NOT NULL,
    total_investment_cny       DOUBLE NOT NULL,
    subsidy_requested_cny      DOUBLE NOT NULL,
    co_funding_cny             DOUBLE,
    claimed_annual_saving_kwh  DOUBLE,             -- [kWh/year]
    claimed_pv_capacity_kwp    DOUBLE,
    claimed_annual_pv_kwh      DOUBLE,             -- [kWh/year]
    service_life_years         DOUBLE NOT NULL,
    planned_start              DATE,
    planned_finish             DATE,
    description                VARCHAR,
    PRIMARY KEY (upload_id, source_row)
);

CREATE TABLE subsidy_reviews (
    upload_id       BIGINT NOT NULL REFERENCES subsidy_uploads (upload_id),
    source_row      INTEGER NOT NULL,
    submitted_at    TIMESTAMP NOT NULL,            -- UTC
    is_demo         BOOLEAN NOT NULL DEFAULT false,
    reviewer_id     VARCHAR NOT NULL,
    application_id  VARCHAR NOT NULL,
    criterion       VARCHAR NOT NULL,
    score           DOUBLE NOT NULL,               -- 0–5 [points]
    comment         VARCHAR,
    PRIMARY KEY (upload_id, source_row)
);

-- Each ranking run with the rubric text it used, its parameters and its full result.
CREATE TABLE subsidy_runs (
    run_id           BIGINT PRIMARY KEY DEFAULT nextval('subsidy_run_id_seq'),
    run_at           TIMESTAMP NOT NULL,           -- UTC
    rubric_name      VARCHAR NOT NULL,
    rubric_version   VARCHAR NOT NULL,
    rubric_sha256    VARCHAR NOT NULL,
    rubric_toml      VARCHAR NOT NULL,             -- the rubric exactly as used
    method           VARCHAR NOT NULL,             -- weighted_sum or topsis
    budget_cny       DOUBLE NOT NULL,
    parameters_json  VARCHAR NOT NULL,             -- caps, data versions, solver, robustness
    result_json      VARCHAR NOT NULL,             -- the CLI's JSON answer
    is_demo          BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE subsidy_run_results (
    run_id                 BIGINT NOT NULL REFERENCES subsidy_runs (run_id),
    application_id         VARCHAR NOT NULL,
    school_code            VARCHAR,
    eligible               BOOLEAN NOT NULL,
    score                  DOUBLE,                 -- 0–100 [points]
    rank                   INTEGER,
    shortlisted            BOOLEAN NOT NULL,
    rank_fill_shortlisted  BOOLEAN NOT NULL,
    shortlist_probability  DOUBLE,                 -- [0–1]
    borderline             BOOLEAN NOT NULL,
    subsidy_requested_cny  DOUBLE,
    PRIMARY KEY (run_id, application_id)
);

-- The latest submission of each application (by upload time); older ones stay.
CREATE VIEW current_subsidy_applications AS
SELECT * EXCLUDE (rank_newest)
FROM (
    SELECT a.*,
           row_number() OVER (PARTITION BY application_id
                              ORDER BY submitted_at DESC, upload_id DESC) AS rank_newest
    FROM subsidy_applications AS a
)
WHERE rank_newest = 1;

-- The latest score of each reviewer for each application and criterion.
CREATE VIEW current_subsidy_reviews AS
SELECT * EXCLUDE (rank_newest)
FROM (
    SELECT r.*,
           row_number() OVER (PARTITION BY reviewer_id, application_id, criterion
                              ORDER BY submitted_at DESC, upload_id DESC) AS rank_newest
    FROM subsidy_reviews AS r
)
WHERE rank_newest = 1;
