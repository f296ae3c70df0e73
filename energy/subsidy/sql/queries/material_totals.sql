SELECT count(*) AS n_files, coalesce(sum(size_bytes), 0) AS total_bytes
FROM subsidy_materials
WHERE round_id = $round_id AND application_id = $application_id AND status = 'active';
