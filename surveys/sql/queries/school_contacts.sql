-- Each school's contact: from its latest submission that named one, else from the roster.
WITH sheets AS (
    SELECT school_code, arg_max(contact, submitted_at) AS contact
    FROM submissions
    WHERE contact IS NOT NULL AND trim(contact) <> ''
    GROUP BY school_code
),
roster AS (
    SELECT school_code, contact
    FROM current_roster
    WHERE contact IS NOT NULL AND trim(contact) <> ''
)
SELECT school_code, coalesce(sheets.contact, roster.contact) AS contact
FROM sheets FULL OUTER JOIN roster USING (school_code);
