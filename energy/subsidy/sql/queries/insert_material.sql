INSERT INTO subsidy_materials (round_id, application_id, file_name, kind, media_type, sha256,
                               size_bytes, width_px, height_px, content, preview, uploaded_at,
                               uploaded_by, status)
VALUES ($round_id, $application_id, $file_name, $kind, $media_type, $sha256, $size_bytes,
        $width_px, $height_px, $content, $preview, $uploaded_at, $uploaded_by, 'active')
RETURNING material_id;
