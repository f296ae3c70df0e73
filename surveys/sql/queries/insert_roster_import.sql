INSERT INTO roster_imports (imported_at, file_name, sha256, n_schools)
VALUES ($imported_at, $file_name, $sha256, $n_schools)
RETURNING roster_import_id;
