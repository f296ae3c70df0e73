-- A roster may name each school's contact (联系人及电话): the reminder list needs one for the
-- schools that have not submitted yet.

ALTER TABLE roster_schools ADD COLUMN contact VARCHAR;

CREATE OR REPLACE VIEW current_roster AS
SELECT * FROM roster_schools
WHERE roster_import_id = (SELECT max(roster_import_id) FROM roster_imports);
