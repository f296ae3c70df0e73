INSERT INTO buildings BY NAME SELECT * FROM staged_buildings;
