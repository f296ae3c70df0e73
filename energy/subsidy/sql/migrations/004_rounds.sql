-- Yearly subsidy rounds (energy/subsidy/rounds.py): each round (2027年度 …) has its call
-- dates, the rubric text it ranks with, its budget and caps, its intentions (收集项目申报意向)
-- and its status. Every upload, application, score, ranking run and reviewer assignment
-- belongs to a round; rows stored before rounds existed belong to the default round 2026.

CREATE TABLE subsidy_rounds (
    round_id                 VARCHAR PRIMARY KEY,   -- e.g. 2027
    name                     VARCHAR NOT NULL,      -- e.g. 2027年度
    intention_opens          DATE,
    intention_closes         DATE,
    application_opens        DATE,
    application_closes       DATE,
    rubric_toml              VARCHAR,               -- NULL: the shipped default rubric
    rubric_sha256            VARCHAR,
    budget_cny               DOUBLE,                -- NULL: not set, the default rule applies
    budget_default_share     DOUBLE NOT NULL DEFAULT 0.4,  -- rule: share of the subsidy requested [-]
    caps_json                VARCHAR,               -- NULL: the rubric's caps
    status                   VARCHAR NOT NULL,      -- open, intentions, applications, review, decided
    from_round               VARCHAR,               -- the round whose rubric it started from
    created_at               TIMESTAMP NOT NULL,    -- UTC
    created_by               VARCHAR NOT NULL,
    decided_at               TIMESTAMP,             -- UTC
    decided_run_id           BIGINT,
    is_demo                  BOOLEAN NOT NULL DEFAULT false
);

INSERT INTO subsidy_rounds (round_id, name, status, created_at, created_by)
VALUES ('2026', '2026年度', 'review', CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP), 'migration');

ALTER TABLE subsidy_uploads ADD COLUMN round_id VARCHAR DEFAULT '2026';
ALTER TABLE subsidy_applications ADD COLUMN round_id VARCHAR DEFAULT '2026';
ALTER TABLE subsidy_reviews ADD COLUMN round_id VARCHAR DEFAULT '2026';
ALTER TABLE subsidy_runs ADD COLUMN round_id VARCHAR DEFAULT '2026';
ALTER TABLE subsidy_review_assignments ADD COLUMN round_id VARCHAR DEFAULT '2026';

-- What a school plans to apply for, stated before the application call.
CREATE SEQUENCE subsidy_intention_id_seq START 1;

CREATE TABLE subsidy_intentions (
    intention_id          BIGINT PRIMARY KEY DEFAULT nextval('subsidy_intention_id_seq'),
    round_id              VARCHAR NOT NULL,
    school_code           VARCHAR NOT NULL,
    school_name           VARCHAR,
    district              VARCHAR,
    project_type          VARCHAR NOT NULL,
    rough_investment_cny  DOUBLE NOT NULL,          -- [CNY]
    description           VARCHAR,
    source                VARCHAR NOT NULL,         -- api, sheet, upload, demo
    file_name             VARCHAR,                  -- the sheet it came from, if any
    submitted_by          VARCHAR NOT NULL,
    submitted_at          TIMESTAMP NOT NULL,       -- UTC
    application_id        VARCHAR,                  -- the application it became, once linked
    is_demo               BOOLEAN NOT NULL DEFAULT false
);

CREATE OR REPLACE VIEW current_subsidy_applications AS
SELECT * EXCLUDE (rank_newest)
FROM (
    SELECT a.*,
           row_number() OVER (PARTITION BY round_id, application_id
                              ORDER BY submitted_at DESC, upload_id DESC) AS rank_newest
    FROM subsidy_applications AS a
)
WHERE rank_newest = 1;

CREATE OR REPLACE VIEW current_subsidy_reviews AS
SELECT * EXCLUDE (rank_newest)
FROM (
    SELECT r.*,
           row_number() OVER (PARTITION BY round_id, reviewer_id, application_id, criterion
                              ORDER BY submitted_at DESC, upload_id DESC NULLS LAST)
               AS rank_newest
    FROM (
        SELECT * FROM subsidy_reviews
        UNION ALL BY NAME
        SELECT CAST(NULL AS BIGINT) AS upload_id, CAST(NULL AS INTEGER) AS source_row,
               a.submitted_at, false AS is_demo, s.reviewer_id, s.application_id,
               s.criterion, s.score, s.comment, a.round_id
        FROM subsidy_online_scores AS s
        JOIN subsidy_review_assignments AS a USING (reviewer_id, application_id)
        WHERE a.submitted_at IS NOT NULL AND NOT coalesce(a.has_conflict, false)
    ) AS r
)
WHERE rank_newest = 1;
