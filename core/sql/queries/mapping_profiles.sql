SELECT signature, spec_name, mapping_json, headers_json, created_by, created_at, updated_by,
       updated_at, times_used, last_used_at
FROM mapping_profiles
WHERE $spec_name IS NULL OR spec_name = $spec_name
ORDER BY spec_name, updated_at DESC, signature;
