SELECT file_name, content FROM subsidy_uploads WHERE upload_id = $upload_id;
