SELECT count(*) AS n_files, coalesce(sum(size_bytes), 0) AS total_bytes
FROM subsidy_materials
WHERE application_id = $application_id AND status = 'active';
