INSERT INTO subsidy_applications BY NAME SELECT * FROM staged_rows;
