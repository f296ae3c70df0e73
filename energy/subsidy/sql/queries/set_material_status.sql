UPDATE subsidy_materials
SET status = $status, withdrawn_at = $withdrawn_at, withdrawn_by = $withdrawn_by
WHERE material_id = $material_id AND round_id = $round_id
RETURNING application_id, file_name;
