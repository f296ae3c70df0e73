SELECT * FROM subsidy_reviews WHERE upload_id = $upload_id ORDER BY source_row;
