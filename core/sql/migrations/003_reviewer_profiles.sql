-- Reviewer accounts (role "reviewer" in the accounts file, beside committee members): who
-- the expert is and where they work, so that their own school and district count as
-- conflicts of interest (energy/subsidy/online.py never assigns them those applications).

CREATE TABLE IF NOT EXISTS reviewer_profiles (
    account      VARCHAR PRIMARY KEY,       -- the account name they sign in with
    full_name    VARCHAR,                   -- as shown to the chair
    school_code  VARCHAR,                   -- the school they work at, if any
    district     VARCHAR,                   -- the district they work in, if any
    created_by   VARCHAR NOT NULL,          -- committee account or cli
    created_at   TIMESTAMP NOT NULL         -- UTC
);
