SELECT material_id, status
FROM subsidy_materials
WHERE round_id = $round_id AND application_id = $application_id AND sha256 = $sha256;
