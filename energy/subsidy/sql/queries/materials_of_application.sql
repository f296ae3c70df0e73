SELECT material_id, round_id, application_id, file_name, kind, media_type, sha256, size_bytes,
       width_px, height_px, uploaded_at, uploaded_by, status
FROM subsidy_materials
WHERE round_id = $round_id AND application_id = $application_id
  AND (status = 'active' OR $with_withdrawn)
ORDER BY uploaded_at, material_id;
