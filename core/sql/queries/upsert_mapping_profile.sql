INSERT INTO mapping_profiles (signature, spec_name, mapping_json, headers_json, created_by,
                              created_at, updated_by, updated_at, times_used, last_used_at)
VALUES ($signature, $spec_name, $mapping_json, $headers_json, $actor, $now, $actor, $now, 0, NULL)
ON CONFLICT (signature) DO UPDATE SET
    spec_name = excluded.spec_name,
    mapping_json = excluded.mapping_json,
    headers_json = excluded.headers_json,
    updated_by = excluded.updated_by,
    updated_at = excluded.updated_at;
