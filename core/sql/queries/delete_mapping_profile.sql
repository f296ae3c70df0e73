DELETE FROM mapping_profiles
WHERE signature = $signature
RETURNING signature;
