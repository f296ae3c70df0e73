-- Application materials 申报材料 (energy/subsidy/materials.py): the files attached to an
-- application (PDF, PNG/JPEG pictures, spreadsheets, Word documents), stored with their
-- exact bytes after the hostile-file checks. The same bytes twice for one application are
-- one row; a withdrawn file stays, with who withdrew it and when.

CREATE SEQUENCE subsidy_material_id_seq START 1;

CREATE TABLE subsidy_materials (
    material_id     BIGINT PRIMARY KEY DEFAULT nextval('subsidy_material_id_seq'),
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
    UNIQUE (application_id, sha256)
);
