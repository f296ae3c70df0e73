-- A school's current applications in every round, with the round's name and status.
SELECT a.round_id, r.name AS round_name, r.status AS round_status, r.decided_run_id,
       a.application_id, a.school_code, a.school_name, a.project_name, a.project_type,
       a.subsidy_requested_cny
FROM current_subsidy_applications AS a
JOIN subsidy_rounds AS r USING (round_id)
WHERE a.school_code = $school_code
ORDER BY a.round_id, a.application_id;
