-- Column-mapping profiles: a person's confirmed reading of one header layout (their header
-- wording → our field, or NULL for a column not read), keyed by the layout's signature
-- (sheets.headers.header_signature, which already holds the declaration's name) and applied
-- the next time the same layout arrives, from any school.

CREATE TABLE IF NOT EXISTS mapping_profiles (
    signature     VARCHAR PRIMARY KEY,      -- 16 hex digits of SHA-256 over spec and headers
    spec_name     VARCHAR NOT NULL,         -- the declaration read with it: survey, roster ...
    mapping_json  VARCHAR NOT NULL,         -- JSON object: header wording → field name or null
    headers_json  VARCHAR NOT NULL,         -- JSON array: the header wordings in column order
    created_by    VARCHAR NOT NULL,         -- committee account, school:<code>, cli
    created_at    TIMESTAMP NOT NULL,       -- UTC
    updated_by    VARCHAR NOT NULL,
    updated_at    TIMESTAMP NOT NULL,       -- UTC
    times_used    INTEGER NOT NULL DEFAULT 0,   -- imports stored with it
    last_used_at  TIMESTAMP                 -- UTC
);
