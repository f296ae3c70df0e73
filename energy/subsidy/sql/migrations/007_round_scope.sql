-- Everything a round holds is kept per round: the chair opens and closes scoring of one
-- round, and an application id a school uses again next year (A1 in 2026 and in 2027) has
-- its own assignments, online scores, clarifications and materials in each round.
-- Rows from before: scoring events belong to the round current at migration; the others to
-- the latest round holding their application (else the current round). Tables whose unique
-- key gains the round are rebuilt (DuckDB cannot alter a key), keeping their ids.

CREATE TEMP TABLE _current_round AS
SELECT coalesce(max(round_id), '2026') AS round_id FROM subsidy_rounds;

CREATE TEMP TABLE _round_of_application AS
SELECT application_id, max(round_id) AS round_id
FROM subsidy_applications GROUP BY application_id;

ALTER TABLE subsidy_scoring_events ADD COLUMN round_id VARCHAR;
UPDATE subsidy_scoring_events SET round_id = (SELECT round_id FROM _current_round);

ALTER TABLE subsidy_clarifications ADD COLUMN round_id VARCHAR;
UPDATE subsidy_clarifications AS c
SET round_id = coalesce((SELECT r.round_id FROM _round_of_application AS r
                         WHERE r.application_id = c.application_id),
                        (SELECT round_id FROM _current_round));

DROP VIEW current_subsidy_reviews;

CREATE TABLE subsidy_review_assignments_007 (
    assignment_id     BIGINT PRIMARY KEY DEFAULT nextval('subsidy_assignment_id_seq'),
    round_id          VARCHAR NOT NULL,
    reviewer_id       VARCHAR NOT NULL,        -- reviewer account
    application_id    VARCHAR NOT NULL,
    assigned_by       VARCHAR NOT NULL,        -- the chair (committee account) or cli
    assigned_at       TIMESTAMP NOT NULL,      -- UTC
    declared_at       TIMESTAMP,               -- UTC; NULL: conflicts not yet declared
    has_conflict      BOOLEAN,                 -- the reviewer's declaration
    conflict_reason   VARCHAR,                 -- what the conflict is, in their words
    submitted_at      TIMESTAMP,               -- UTC; NULL: not yet submitted
    UNIQUE (round_id, reviewer_id, application_id)
);
INSERT INTO subsidy_review_assignments_007
SELECT assignment_id, coalesce(round_id, (SELECT round_id FROM _current_round)), reviewer_id,
       application_id, assigned_by, assigned_at, declared_at, has_conflict, conflict_reason,
       submitted_at
FROM subsidy_review_assignments;
DROP TABLE subsidy_review_assignments;
ALTER TABLE subsidy_review_assignments_007 RENAME TO subsidy_review_assignments;

CREATE TABLE subsidy_online_scores_007 (
    round_id        VARCHAR NOT NULL,
    reviewer_id     VARCHAR NOT NULL,
    application_id  VARCHAR NOT NULL,
    criterion       VARCHAR NOT NULL,
    score           DOUBLE NOT NULL,           -- 0–5 [points]
    comment         VARCHAR,
    saved_at        TIMESTAMP NOT NULL,        -- UTC
    PRIMARY KEY (round_id, reviewer_id, application_id, criterion)
);
INSERT INTO subsidy_online_scores_007
SELECT coalesce((SELECT max(a.round_id) FROM subsidy_review_assignments AS a
                 WHERE a.reviewer_id = s.reviewer_id AND a.application_id = s.application_id),
                (SELECT round_id FROM _current_round)),
       s.reviewer_id, s.application_id, s.criterion, s.score, s.comment, s.saved_at
FROM subsidy_online_scores AS s;
DROP TABLE subsidy_online_scores;
ALTER TABLE subsidy_online_scores_007 RENAME TO subsidy_online_scores;

CREATE TABLE subsidy_materials_007 (
    material_id     BIGINT PRIMARY KEY DEFAULT nextval('subsidy_material_id_seq'),
    round_id        VARCHAR NOT NULL,
    application_id  VARCHAR NOT NULL,
    file_name       VARCHAR NOT NULL,          -- as uploaded, without folders
    kind            VARCHAR NOT NULL,          -- pdf, png, jpeg, xlsx, xls, csv or docx
    media_type      VARCHAR NOT NULL,          -- decided from the bytes, not the name
    sha256          VARCHAR NOT NULL,
    size_bytes      BIGINT NOT NULL,           -- [bytes]
    width_px        INTEGER,                   -- pictures only [px]
    height_px       INTEGER,                   -- pictures only [px]
    content         BLOB NOT NULL,             -- the exact bytes received
    preview         BLOB,                      -- pictures: a small PNG made by the worker
    uploaded_at     TIMESTAMP NOT NULL,        -- UTC
    uploaded_by     VARCHAR NOT NULL,          -- committee account or cli
    status          VARCHAR NOT NULL,          -- active or withdrawn
    withdrawn_at    TIMESTAMP,                 -- UTC
    withdrawn_by    VARCHAR,
    UNIQUE (round_id, application_id, sha256)
);
INSERT INTO subsidy_materials_007
SELECT m.material_id,
       coalesce(r.round_id, (SELECT round_id FROM _current_round)),
       m.application_id, m.file_name, m.kind, m.media_type, m.sha256, m.size_bytes, m.width_px,
       m.height_px, m.content, m.preview, m.uploaded_at, m.uploaded_by, m.status,
       m.withdrawn_at, m.withdrawn_by
FROM subsidy_materials AS m LEFT JOIN _round_of_application AS r USING (application_id);
DROP TABLE subsidy_materials;
ALTER TABLE subsidy_materials_007 RENAME TO subsidy_materials;

CREATE VIEW current_subsidy_reviews AS
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
               s.criterion, s.score, s.comment, s.round_id
        FROM subsidy_online_scores AS s
        JOIN subsidy_review_assignments AS a USING (round_id, reviewer_id, application_id)
        WHERE a.submitted_at IS NOT NULL AND NOT coalesce(a.has_conflict, false)
    ) AS r
)
WHERE rank_newest = 1;

DROP TABLE _round_of_application;
DROP TABLE _current_round;
