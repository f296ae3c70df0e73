-- One row per school on the roster or in the store: expected, submitted, and data quality.
WITH latest AS (
    SELECT s.*, u.n_warnings, u.file_name
    FROM current_submissions AS s JOIN uploads AS u USING (upload_id)
),
counts AS (
    SELECT school_code, count(*) AS n_submissions, min(submitted_at) AS first_submitted_at
    FROM submissions GROUP BY school_code
),
building_gaps AS (
    SELECT submission_id,
           count(*) FILTER (WHERE roof_type IN ('坡屋面', '彩钢瓦') AND roof_azimuth_deg IS NULL)
               AS n_pitched_without_azimuth,
           count(*) FILTER (WHERE usable_roof_area_m2 IS NULL) AS n_without_usable_area,
           count(*) FILTER (WHERE roof_area_m2 > gross_floor_area_m2) AS n_roof_above_floor
    FROM buildings GROUP BY submission_id
)
SELECT coalesce(r.school_code, l.school_code) AS school_code,
       coalesce(l.school_name, r.school_name) AS school_name,
       coalesce(l.district, r.district) AS district,
       coalesce(l.school_type, r.school_type) AS school_type,
       r.school_code IS NOT NULL AS on_roster,
       l.school_code IS NOT NULL AS submitted,
       coalesce(c.n_submissions, 0) AS n_submissions,
       c.first_submitted_at,
       l.submitted_at AS last_submitted_at,
       l.file_name AS last_file_name,
       l.n_buildings,
       l.n_warnings,
       l.latitude IS NULL AS missing_coordinates,
       l.school_code IS NOT NULL AND l.annual_electricity_kwh IS NULL AS missing_electricity,
       g.n_pitched_without_azimuth,
       g.n_without_usable_area,
       g.n_roof_above_floor,
       l.is_demo
FROM current_roster AS r
FULL OUTER JOIN latest AS l USING (school_code)
LEFT JOIN counts AS c ON c.school_code = coalesce(r.school_code, l.school_code)
LEFT JOIN building_gaps AS g ON g.submission_id = l.submission_id
ORDER BY district, school_code;
