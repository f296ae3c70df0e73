INSERT INTO subsidy_materials (application_id, file_name, kind, media_type, sha256, size_bytes,
                               width_px, height_px, content, preview, uploaded_at, uploaded_by,
                               status)
VALUES ($application_id, $file_name, $kind, $media_type, $sha256, $size_bytes, $width_px,
        $height_px, $content, $preview, $uploaded_at, $uploaded_by, 'active')
RETURNING material_id;
