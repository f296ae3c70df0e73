SELECT application_id, file_name, media_type, content, preview
FROM subsidy_materials
WHERE material_id = $material_id AND round_id = $round_id AND status = 'active';
