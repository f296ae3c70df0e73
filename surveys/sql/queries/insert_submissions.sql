INSERT INTO submissions BY NAME SELECT * FROM staged_submissions;
