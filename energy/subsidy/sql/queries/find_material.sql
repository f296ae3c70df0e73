SELECT material_id, status
FROM subsidy_materials
WHERE application_id = $application_id AND sha256 = $sha256;
