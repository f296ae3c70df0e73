INSERT INTO subsidy_intentions (round_id, school_code, school_name, district, project_type,
                                rough_investment_cny, description, source, file_name,
                                submitted_by, submitted_at, application_id, is_demo)
VALUES ($round_id, $school_code, $school_name, $district, $project_type, $rough_investment_cny,
        $description, $source, $file_name, $submitted_by, $submitted_at, $application_id,
        $is_demo)
RETURNING intention_id;
