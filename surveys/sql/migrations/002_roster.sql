-- The committee's roster of schools expected to submit a survey. Each import is kept; the
-- latest import is the roster in force.

CREATE SEQUENCE roster_import_id_seq START 1;

CREATE TABLE roster_imports (
    roster_import_id  BIGINT PRIMARY KEY DEFAULT nextval('roster_import_id_seq'),
    imported_at       TIMESTAMP NOT NULL,       -- UTC
    file_name         VARCHAR NOT NULL,
    sha256            VARCHAR NOT NULL,
    n_schools         INTEGER NOT NULL
);

CREATE TABLE roster_schools (
    roster_import_id  BIGINT NOT NULL REFERENCES roster_imports (roster_import_id),
    school_code       VARCHAR NOT NULL,
    school_name       VARCHAR,
    district          VARCHAR,
    school_type       VARCHAR,
    PRIMARY KEY (roster_import_id, school_code)
);

CREATE VIEW current_roster AS
SELECT * FROM roster_schools
WHERE roster_import_id = (SELECT max(roster_import_id) FROM roster_imports);
