SELECT file_name, content FROM uploads WHERE upload_id = $upload_id;
