-- Expert scoring online (energy/subsidy/online.py): the chair assigns reviewers to
-- applications, each reviewer declares conflicts of interest before the scores open, scores
-- 0–5 per criterion with a comment and submits. Submitted scores join the score sheets'
-- in current_subsidy_reviews, so that both feed the same combination (panel.py).

CREATE SEQUENCE subsidy_assignment_id_seq START 1;

CREATE TABLE subsidy_review_assignments (
    assignment_id     BIGINT PRIMARY KEY DEFAULT nextval('subsidy_assignment_id_seq'),
    reviewer_id       VARCHAR NOT NULL,        -- reviewer account
    application_id    VARCHAR NOT NULL,
    assigned_by       VARCHAR NOT NULL,        -- the chair (committee account) or cli
    assigned_at       TIMESTAMP NOT NULL,      -- UTC
    declared_at       TIMESTAMP,               -- UTC; NULL: conflicts not yet declared
    has_conflict      BOOLEAN,                 -- the reviewer's declaration
    conflict_reason   VARCHAR,                 -- what the conflict is, in their words
    submitted_at      TIMESTAMP,               -- UTC; NULL: not yet submitted
    UNIQUE (reviewer_id, application_id)
);

-- A reviewer's scores as they type them; they count once the assignment is submitted.
CREATE TABLE subsidy_online_scores (
    reviewer_id     VARCHAR NOT NULL,
    application_id  VARCHAR NOT NULL,
    criterion       VARCHAR NOT NULL,
    score           DOUBLE NOT NULL,           -- 0–5 [points]
    comment         VARCHAR,
    saved_at        TIMESTAMP NOT NULL,        -- UTC
    PRIMARY KEY (reviewer_id, application_id, criterion)
);

-- The chair opens and closes scoring; the latest event counts (no event: open).
CREATE SEQUENCE subsidy_scoring_event_id_seq START 1;

CREATE TABLE subsidy_scoring_events (
    event_id   BIGINT PRIMARY KEY DEFAULT nextval('subsidy_scoring_event_id_seq'),
    action     VARCHAR NOT NULL,               -- closed or reopened
    actor      VARCHAR NOT NULL,
    event_at   TIMESTAMP NOT NULL              -- UTC
);

CREATE OR REPLACE VIEW current_subsidy_reviews AS
SELECT * EXCLUDE (rank_newest)
FROM (
    SELECT r.*,
           row_number() OVER (PARTITION BY reviewer_id, application_id, criterion
                              ORDER BY submitted_at DESC, upload_id DESC NULLS LAST)
               AS rank_newest
    FROM (
        SELECT * FROM subsidy_reviews
        UNION ALL BY NAME
        SELECT CAST(NULL AS BIGINT) AS upload_id, CAST(NULL AS INTEGER) AS source_row,
               a.submitted_at, false AS is_demo, s.reviewer_id, s.application_id,
               s.criterion, s.score, s.comment
        FROM subsidy_online_scores AS s
        JOIN subsidy_review_assignments AS a USING (reviewer_id, application_id)
        WHERE a.submitted_at IS NOT NULL AND NOT coalesce(a.has_conflict, false)
    ) AS r
)
WHERE rank_newest = 1;
