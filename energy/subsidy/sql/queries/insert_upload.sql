INSERT INTO subsidy_uploads (kind, received_at, file_name, sha256, size_bytes, content, source,
                             is_demo, n_rows, n_warnings, report_json, round_id)
VALUES ($kind, $received_at, $file_name, $sha256, $size_bytes, $content, $source, $is_demo,
        $n_rows, $n_warnings, $report_json, $round_id)
RETURNING upload_id;
