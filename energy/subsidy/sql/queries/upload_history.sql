SELECT upload_id, kind, received_at, round_id, file_name, sha256, size_bytes, source, is_demo,
       n_rows, n_warnings
FROM subsidy_uploads
WHERE $kind IS NULL OR kind = $kind
ORDER BY received_at DESC, upload_id DESC;
