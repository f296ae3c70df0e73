"""The subsidy tables: numbered migrations, every sheet and every run kept, all or nothing."""

from __future__ import annotations

import json

from core import sql
from core.isolation import last_report
from energy.subsidy.ranking import SurveyData, rank_applications
from energy.subsidy.schema import APPLICATION, REVIEW
from energy.subsidy.store import DUPLICATE, REJECTED, STORED, UNREADABLE, SubsidyStore
from tests.subsidy.conftest import (
    applications_file,
    pv_application,
    reviews_file,
    saving_application,
)


def _columns(store, table: str) -> dict[str, str]:
    rows = store.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = ?", [table]).fetchall()
    return dict(rows)


def _count(store, table: str) -> int:
    return store.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_migrations_are_numbered_recorded_and_not_reapplied(db_copy):
    versions = [v for v, _, _ in sql.migrations("energy.subsidy.sql")]
    assert versions == sorted(versions) and versions[0] == 1
    for _ in range(2):
        with SubsidyStore(db_copy) as store:
            recorded = store.execute(
                "SELECT version FROM schema_migrations WHERE component = 'subsidy' "
                "ORDER BY version").fetchall()
            assert [r[0] for r in recorded] == versions
            assert store.execute("SELECT count(*) FROM schema_migrations WHERE "
                                     "component = 'surveys'").fetchone()[0] >= 1


def test_tables_match_the_declarations(store):
    applications, reviews = _columns(store, "subsidy_applications"), _columns(store,
                                                                                "subsidy_reviews")
    for col in APPLICATION.columns:
        assert applications[col.name] == col.sql_type, col.name
    for col in REVIEW.columns:
        assert reviews[col.name] == col.sql_type, col.name


def test_store_keeps_bytes_rows_and_is_idempotent(store):
    data = applications_file([pv_application(), saving_application()])
    first = store.import_bytes(data, "申请.xlsx")
    assert first.status == STORED and first.exit_code == 0
    name, content = store.original_upload(first.upload_id)
    assert name == "申请.xlsx" and content == data
    again = store.import_bytes(data, "申请-copy.xlsx")
    assert again.status == DUPLICATE and again.upload_id == first.upload_id
    assert list(again.frame["application_id"]) == ["P1", "L1"]
    assert _count(store, "subsidy_uploads") == 1 and _count(store, "subsidy_applications") == 2


def test_newer_submission_becomes_current_older_kept(store):
    store.import_bytes(applications_file([saving_application()]), "v1.xlsx")
    newer = saving_application(subsidy_requested_cny=150_000.0)
    store.import_bytes(applications_file([newer]), "v2.xlsx")
    current = store.current_applications()
    assert list(current["subsidy_requested_cny"]) == [150_000.0]
    assert _count(store, "subsidy_applications") == 2
    assert len(store.uploads("applications")) == 2


def test_rejected_and_unreadable_files_store_nothing_and_are_quarantined(store):
    bad = applications_file([saving_application(total_investment_cny=100_000.0)])
    result = store.import_bytes(bad, "bad.xlsx")
    assert result.status == REJECTED and result.exit_code == 1
    assert result.quarantined.read_bytes() == bad
    report = json.loads(result.quarantined.with_name(result.quarantined.name + ".report.json")
                        .read_text(encoding="utf-8"))
    assert report["n_errors"] == 1
    refused = store.import_bytes(b"\x00\x01garbage", "x.xlsx")
    assert refused.status == UNREADABLE and refused.exit_code == 2
    assert refused.quarantined.exists()
    assert _count(store, "subsidy_uploads") == 0 and _count(store, "subsidy_applications") == 0


def test_reviews_are_stored_per_reviewer_and_criterion(store):
    rows = [{"reviewer_id": "E1", "application_id": "L1", "criterion": "示范教育", "score": 3},
            {"reviewer_id": "E2", "application_id": "L1", "criterion": "示范教育", "score": 5}]
    result = store.import_bytes(reviews_file(rows), "scores.xlsx", "reviews",
                                application_ids=["L1"])
    assert result.status == STORED
    assert sorted(store.current_reviews()["score"]) == [3.0, 5.0]


def test_each_run_is_stored_with_its_rubric_text(store, survey_data: SurveyData):
    stored = store.import_bytes(applications_file([pv_application(), saving_application()]),
                                "a.xlsx")
    result = rank_applications(stored.frame, survey_data, 500_000, reference_year=2026)
    run_id = store.record_run(result)
    run = store.run(run_id)
    assert run["rubric_toml"] == result.rubric.text and "委员会" in run["rubric_toml"]
    assert run["rubric_sha256"] == result.rubric.sha256
    assert json.loads(run["result_json"]) == result.to_dict()
    assert json.loads(run["parameters_json"])["budget_cny"] == 500_000
    rows = store.run_results(run_id)
    assert set(rows["application_id"]) == {"P1", "L1"}
    assert len(store.runs()) == 1


def test_a_sheet_is_checked_in_the_worker_unless_this_program_wrote_it(store):
    before = last_report()
    outside = store.import_bytes(applications_file([pv_application("W1")]), "w.xlsx")
    checked_there = last_report()
    assert outside.status == STORED and checked_there is not None and checked_there is not before
    own = store.import_bytes(applications_file([saving_application("O1")]), "o.xlsx", own=True)
    assert own.status == STORED and list(own.frame["application_id"]) == ["O1"]
    assert last_report() is checked_there   # no worker task since
