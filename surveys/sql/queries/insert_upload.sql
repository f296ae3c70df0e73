INSERT INTO uploads (received_at, file_name, sha256, size_bytes, content, source, is_demo,
                     n_warnings, report_json)
VALUES ($received_at, $file_name, $sha256, $size_bytes, $content, $source, $is_demo,
        $n_warnings, $report_json)
RETURNING upload_id;
