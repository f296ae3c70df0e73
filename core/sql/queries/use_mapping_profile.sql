UPDATE mapping_profiles
SET times_used = times_used + 1, last_used_at = $now
WHERE signature = $signature;
