INSERT INTO subsidy_reviews BY NAME SELECT * FROM staged_rows;
