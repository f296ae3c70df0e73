-- The contact a school gave in its latest submission that named one.
SELECT school_code, arg_max(contact, submitted_at) AS contact
FROM submissions
WHERE contact IS NOT NULL AND trim(contact) <> ''
GROUP BY school_code;
