-- Accepted projects with their current application, for comparing claims with results.
SELECT o.round_id, o.application_id, o.measured_kwh, o.recorded_at AS accepted_at, a.school_code,
       a.school_name, a.district, a.project_type, a.annual_electricity_kwh,
       a.claimed_annual_saving_kwh, a.claimed_pv_capacity_kwp, a.claimed_annual_pv_kwh
FROM subsidy_outcomes AS o
JOIN current_subsidy_applications AS a USING (round_id, application_id)
WHERE o.status = 'accepted' AND ($round_id IS NULL OR o.round_id = $round_id)
ORDER BY o.round_id, o.application_id;
