"""Demo applications: seeded, marked as demo everywhere, valid, and rankable."""

from __future__ import annotations

from energy.subsidy.demo import DEMO_NOTE, DEMO_PREFIX, demo_files, seed_demo_applications
from energy.subsidy.intake import check_applications, check_reviews
from energy.subsidy.ranking import SurveyData, rank_applications


def test_demo_sheets_are_seeded_marked_and_valid(store):
    schools, buildings = store.survey.current_schools(), store.survey.current_buildings()
    apps_bytes, review_bytes = demo_files(schools, buildings, 60, seed=5)
    assert demo_files(schools, buildings, 60, seed=5)[0] == apps_bytes
    apps = check_applications(apps_bytes, "demo.xlsx")
    assert apps.ok, apps.report.to_text()
    frame = apps.frame
    assert len(frame) == 60 and frame["application_id"].str.startswith(DEMO_PREFIX).all()
    assert frame["project_name"].str.contains("演示").all()  # （演示） read as (演示)
    assert (frame["description"] == DEMO_NOTE).all()
    assert set(frame["school_code"]) <= set(schools["school_code"])
    reviews = check_reviews(review_bytes, "scores.xlsx", list(frame["application_id"]))
    assert reviews.ok and reviews.frame["reviewer_id"].str.startswith(DEMO_PREFIX).all()


def test_seeded_into_the_store_as_demo_and_ranked(store):
    summary = seed_demo_applications(store, n=30, seed=3)
    assert summary["applications"]["status"] == "stored"
    uploads = store.uploads()
    assert uploads["is_demo"].all() and set(uploads["source"]) == {"demo"}
    again = seed_demo_applications(store, n=30, seed=3)
    assert again["applications"]["status"] == "duplicate"
    result = rank_applications(store.current_applications(), SurveyData.from_store(store.survey),
                               2_000_000, reviews=store.current_reviews(), reference_year=2026)
    assert result.parameters["n_applications"] == 30
    assert result.parameters["n_reviewed_applications"] == 30
    assert result.shortlist["subsidy_requested_cny"].sum() <= 2_000_000
