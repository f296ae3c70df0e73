SELECT submission_id, school_code FROM submissions WHERE upload_id = $upload_id ORDER BY submission_id;
