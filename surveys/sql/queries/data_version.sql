SELECT coalesce(max(upload_id), 0) AS last_upload,
       (SELECT count(*) FROM submissions) AS n_submissions,
       (SELECT coalesce(max(roster_import_id), 0) FROM roster_imports) AS last_roster
FROM uploads;
