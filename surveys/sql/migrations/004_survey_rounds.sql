-- Survey rounds: each round the committee sends the survey out has a name and a deadline
-- (shown on the completeness and survey-round pages, and with every reminder).

CREATE SEQUENCE survey_round_id_seq START 1;

CREATE TABLE survey_rounds (
    round_id     BIGINT PRIMARY KEY DEFAULT nextval('survey_round_id_seq'),
    name         VARCHAR NOT NULL,
    opens_on     DATE,                      -- Shanghai calendar date
    deadline     DATE NOT NULL,             -- last day to submit, Shanghai calendar date
    created_at   TIMESTAMP NOT NULL,        -- UTC
    created_by   VARCHAR NOT NULL
);
