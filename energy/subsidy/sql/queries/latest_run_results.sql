-- Per round, the results of the run that decided it, else of its latest run.
WITH chosen AS (
    SELECT r.round_id,
           coalesce(max(d.decided_run_id), max(r.run_id)) AS run_id
    FROM subsidy_runs AS r
    LEFT JOIN subsidy_rounds AS d USING (round_id)
    GROUP BY r.round_id
)
SELECT c.round_id, x.run_id, x.application_id, x.score, x.rank, x.shortlisted, x.eligible
FROM chosen AS c
JOIN subsidy_run_results AS x USING (run_id)
WHERE x.school_code = $school_code;
