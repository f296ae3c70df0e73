SELECT upload_id FROM uploads WHERE sha256 = $sha256;
