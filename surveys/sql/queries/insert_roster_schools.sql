INSERT INTO roster_schools BY NAME SELECT * FROM staged_roster;
