SELECT count(*) FROM current_roster;
