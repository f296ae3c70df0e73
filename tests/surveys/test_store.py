"""The DuckDB store: atomic, idempotent, keeps every submission and the original bytes."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from core import sql as core_sql
from surveys import sql
from surveys.schema import BUILDING_COLUMNS, SCHOOL_COLUMNS
from surveys.store import DUPLICATE, REJECTED, STORED, UNREADABLE, SurveyStore
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled


def test_migrations_are_numbered_and_recorded(store):
    versions = [v for v, _, _ in sql.migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    recorded = store.execute("SELECT version FROM schema_migrations WHERE component = 'surveys' "
                             "ORDER BY 1").fetchall()
    assert [r[0] for r in recorded] == versions
    platform = store.execute("SELECT version FROM schema_migrations WHERE component = 'core'")
    assert [r[0] for r in platform.fetchall()] == [v for v, _, _ in core_sql.migrations("core.sql")]


def test_reopening_does_not_reapply_migrations(tmp_path):
    path = tmp_path / "db.duckdb"
    SurveyStore(path).close()
    with SurveyStore(path) as again:
        assert again.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(
            sql.migrations()) + len(core_sql.migrations("core.sql"))


def test_tables_match_the_schema_declaration(store):
    def columns(table):
        rows = store.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
            [table]).fetchall()
        return dict(rows)

    buildings, submissions = columns("buildings"), columns("submissions")
    for col in BUILDING_COLUMNS:
        assert buildings[col.name] == col.sql_type, col.name
    for col in SCHOOL_COLUMNS:
        assert submissions[col.name] == col.sql_type, col.name


def test_import_stores_every_row_and_the_original_bytes(store, good_sheet):
    result = store.import_bytes(good_sheet, "测试中学.xlsx")
    assert result.status == STORED and result.exit_code == 0
    assert result.school_codes == [SCHOOL["school_code"]]
    current = store.current_buildings()
    assert sorted(current["building_name"]) == sorted(b["building_name"] for b in BUILDINGS)
    assert set(current["school_name"]) == {SCHOOL["school_name"]}
    name, content = store.original_upload(result.upload_id)
    assert name == "测试中学.xlsx" and content == good_sheet
    sha = store.execute("SELECT sha256 FROM uploads").fetchone()[0]
    assert sha == result.sha256 and len(sha) == 64


def test_reimporting_the_same_file_is_a_no_op(store, good_sheet):
    first = store.import_bytes(good_sheet, "a.xlsx")
    before = store.counts()
    again = store.import_bytes(good_sheet, "renamed.xlsx")
    assert again.status == DUPLICATE and again.upload_id == first.upload_id
    assert again.submission_ids == first.submission_ids
    assert store.counts() == before


def test_newer_file_becomes_current_and_older_stays(store, good_sheet):
    first = store.import_bytes(good_sheet, "v1.xlsx")
    extra = dict(BUILDINGS[0], building_name="新建科技楼")
    second = store.import_bytes(template_prefilled(SCHOOL, BUILDINGS + [extra]), "v2.xlsx")
    assert second.status == STORED
    current = store.current_buildings()
    assert "新建科技楼" in set(current["building_name"])
    assert set(current["submission_id"]) == set(second.submission_ids)
    history = store.history(SCHOOL["school_code"])
    assert list(history["submission_id"]) == second.submission_ids + first.submission_ids
    assert list(history["is_current"]) == [True, False]
    older = store.buildings_of(first.submission_ids[0])
    assert len(older) == len(BUILDINGS)


def test_rejected_file_changes_nothing_and_is_quarantined(store, good_sheet):
    store.import_bytes(good_sheet, "ok.xlsx")
    before = store.counts()
    bad = template_prefilled(SCHOOL, BUILDINGS + [dict(BUILDINGS[0], building_name="新楼", roof_area_m2="待测量")])
    result = store.import_bytes(bad, "bad.xlsx")
    assert result.status == REJECTED and result.exit_code == 1
    assert [e.code for e in result.report.errors] == ["not_a_number"]
    assert store.counts() == before
    assert result.quarantined.read_bytes() == bad
    assert result.quarantined.with_name(result.quarantined.name + ".report.json").exists()


def test_unreadable_file_is_refused_and_kept(store):
    result = store.import_bytes(b"\x00\x01 not a workbook", "x.xlsx")
    assert result.status == UNREADABLE and result.exit_code == 2
    assert result.refusal.message_zh and result.refusal.message_en
    assert store.counts()["uploads"] == 0
    assert result.quarantined.exists()


def test_failure_inside_the_transaction_leaves_the_database_unchanged(store, good_sheet, monkeypatch):
    """Fault injection at the last statement: the upload and submission rows must roll back."""
    store.import_bytes(template_prefilled(dict(SCHOOL, school_code="9"), BUILDINGS), "other.xlsx")
    before = store.counts()
    real_query = sql.query

    def failing(name):
        if name == "insert_buildings":
            return "INSERT INTO buildings SELECT * FROM table_that_does_not_exist"
        return real_query(name)

    monkeypatch.setattr(sql, "query", failing)
    with pytest.raises(duckdb.Error):
        store.import_bytes(good_sheet, "fails.xlsx")
    monkeypatch.setattr(sql, "query", real_query)
    assert store.counts() == before
    retry = store.import_bytes(good_sheet, "fails.xlsx")
    assert retry.status == STORED  # nothing half-stored blocks the retry


def test_multi_school_file_is_one_upload_with_a_submission_per_school(store):
    from tests.sheets.files import xlsx

    headers = ["学校代码", "学校名称", "所在区", "学校类型", "建筑名称", "建筑用途", "建成年份", "地上层数",
               "建筑面积", "屋顶面积", "屋面类型"]
    rows = [headers, ["A1", "甲校", "黄浦", "小学", "楼1", "教学", 2000, 4, 4000, 1000, "平屋面"],
            ["B2", "乙校", "徐汇", "幼儿园", "楼1", "教学", 2010, 3, 1500, 500, "平屋面"]]
    result = store.import_bytes(xlsx(rows), "merged.xlsx")
    assert result.status == STORED and sorted(result.school_codes) == ["A1", "B2"]
    assert store.counts() == {"uploads": 1, "submissions": 2, "buildings": 2}


def test_cli_import_exit_codes(tmp_path, good_sheet):
    db = tmp_path / "cli.duckdb"
    good = tmp_path / "good.xlsx"
    good.write_bytes(good_sheet)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(template_prefilled(SCHOOL, [dict(BUILDINGS[0], year_built=1800)]))

    def run(*files):
        return subprocess.run([sys.executable, "-m", "surveys", "import", *map(str, files),
                               "--db", str(db)], capture_output=True, text=True)

    assert run(good).returncode == 0
    assert run(good).returncode == 0  # idempotent
    rejected = run(bad)
    assert rejected.returncode == 1 and "C" in rejected.stdout
    assert run(tmp_path / "missing.xlsx").returncode == 2
    with SurveyStore(db, read_only=True) as store:
        assert store.counts()["uploads"] == 1
