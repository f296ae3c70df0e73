-- Survey store: every upload kept byte for byte, every parsed submission kept.
-- Column names, types and units follow surveys/schema.py (tests/surveys/test_store.py checks it).

CREATE SEQUENCE upload_id_seq START 1;
CREATE SEQUENCE submission_id_seq START 1;

CREATE TABLE uploads (
    upload_id      BIGINT PRIMARY KEY DEFAULT nextval('upload_id_seq'),
    received_at    TIMESTAMP NOT NULL,          -- UTC
    file_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL UNIQUE,
    size_bytes     BIGINT NOT NULL,
    content        BLOB NOT NULL,               -- the original file, exactly as received
    source         VARCHAR NOT NULL,            -- cli, upload, demo
    is_demo        BOOLEAN NOT NULL DEFAULT false,
    n_warnings     INTEGER NOT NULL DEFAULT 0,
    report_json    VARCHAR                      -- the validation report shown at import
);

CREATE TABLE submissions (
    submission_id           BIGINT PRIMARY KEY,
    upload_id               BIGINT NOT NULL REFERENCES uploads (upload_id),
    submitted_at            TIMESTAMP NOT NULL,  -- UTC
    is_demo                 BOOLEAN NOT NULL DEFAULT false,
    school_code             VARCHAR NOT NULL,
    school_name             VARCHAR,
    district                VARCHAR,
    school_type             VARCHAR,
    latitude                DOUBLE,              -- WGS84 [degrees]
    longitude               DOUBLE,              -- WGS84 [degrees]
    coord_system            VARCHAR,             -- datum the school used
    annual_electricity_kwh  DOUBLE,
    contact                 VARCHAR,
    latitude_input          DOUBLE,              -- as written by the school [degrees]
    longitude_input         DOUBLE,
    n_buildings             INTEGER NOT NULL
);

CREATE TABLE buildings (
    submission_id           BIGINT NOT NULL REFERENCES submissions (submission_id),
    source_row              INTEGER NOT NULL,    -- Excel row number in the original file
    building_name           VARCHAR NOT NULL,
    building_use            VARCHAR,
    year_built              INTEGER,
    floors_above_ground     INTEGER,
    gross_floor_area_m2     DOUBLE,
    roof_area_m2            DOUBLE,
    roof_type               VARCHAR,
    roof_tilt_deg           DOUBLE,
    roof_azimuth_deg        DOUBLE,
    usable_roof_area_m2     DOUBLE,
    existing_pv_kw          DOUBLE,
    shading                 VARCHAR,
    roof_condition          VARCHAR,
    notes                   VARCHAR,
    PRIMARY KEY (submission_id, source_row)
);

-- The latest submission of each school; older ones stay in submissions.
CREATE VIEW current_submissions AS
SELECT * EXCLUDE (rank_newest)
FROM (
    SELECT s.*,
           row_number() OVER (PARTITION BY school_code
                              ORDER BY submitted_at DESC, submission_id DESC) AS rank_newest
    FROM submissions AS s
)
WHERE rank_newest = 1;

CREATE VIEW current_buildings AS
SELECT s.school_code, s.school_name, s.district, s.school_type, s.latitude, s.longitude,
       s.annual_electricity_kwh, s.is_demo, s.submitted_at, b.*
FROM current_submissions AS s
JOIN buildings AS b USING (submission_id);
