-- Rows that break the survey's invariants in an attached database {c}: uploads without a
-- submission, buildings without one, submissions whose building count is not what was stored.
SELECT
  (SELECT count(*) FROM {c}.uploads u WHERE NOT EXISTS
     (SELECT 1 FROM {c}.submissions s WHERE s.upload_id = u.upload_id))
  + (SELECT count(*) FROM {c}.buildings b WHERE NOT EXISTS
     (SELECT 1 FROM {c}.submissions s WHERE s.submission_id = b.submission_id))
  + (SELECT count(*) FROM (SELECT s.submission_id FROM {c}.submissions s
       LEFT JOIN {c}.buildings b USING (submission_id)
       GROUP BY s.submission_id, s.n_buildings HAVING count(b.source_row) <> s.n_buildings))
