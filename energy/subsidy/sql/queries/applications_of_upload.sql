SELECT * FROM subsidy_applications WHERE upload_id = $upload_id ORDER BY source_row;
