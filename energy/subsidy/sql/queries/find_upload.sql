SELECT upload_id FROM subsidy_uploads WHERE kind = $kind AND sha256 = $sha256;
