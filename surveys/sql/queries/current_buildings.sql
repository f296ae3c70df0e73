SELECT * FROM current_buildings ORDER BY school_code, source_row;
