"""Column-mapping profiles for the survey and the roster: what is asked, what a person's
choices make, a confirmed layout read alike from another school through the isolated
worker and the store, and the command line (``check``/``import`` print the mapping,
``--mapping FILE``, ``mappings list|export|import|delete``)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import profiles
from core.audit import audit_log
from sheets.mapping import check_choices, profile_from_choices
from surveys.intake import check_upload_isolated
from surveys.roster import ROSTER, import_roster, read_roster
from surveys.schema import SURVEY
from surveys.store import STORED, SurveyStore
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled
from tests.surveys.mapping_fixtures import (
    BUILDINGS_A,
    BUILDINGS_B,
    CONFIRMED,
    CORRECTIONS,
    HEADERS,
    SCHOOL_A,
    SCHOOL_B,
    own_layout,
)

REPO = Path(__file__).resolve().parents[2]
SHEET_A = own_layout(SCHOOL_A, BUILDINGS_A)
SHEET_B = own_layout(SCHOOL_B, BUILDINGS_B)
CHOICES = dict(CORRECTIONS.values())  # grid column → field the person picks


@pytest.fixture(scope="module")
def first_check():
    return check_upload_isolated(SHEET_A, "own_layout_a.xlsx")


def test_an_uncertain_layout_is_put_to_the_uploader_and_the_template_is_not(first_check):
    assert first_check.ask
    [mapping] = first_check.mappings
    assert mapping.spec_name == "survey" and not mapping.profile_applied
    levels = {r.header: r.level for r in mapping.rows}
    assert levels["竣工时间"] == "uncertain" and levels["楼顶"] == "unmatched"
    assert [r.header for r in mapping.rows] == HEADERS
    template = check_upload_isolated(template_prefilled(SCHOOL, BUILDINGS), "template.xlsx")
    assert not template.ask and template.mappings


def test_a_guess_is_shown_but_not_proposed_and_values_are_noticed(first_check):
    rows = {r.header: r for r in first_check.mappings[0].rows}
    assert rows["情况说明"].level == "suggested" and rows["情况说明"].guess == "notes"
    assert rows["情况说明"].proposed is None  # confirming without looking reads no guess
    assert rows["竣工时间"].proposed == "year_built"
    assert rows["序号"].has_values and rows["楼顶"].has_values
    assert not rows["楼栋名称"].has_values  # read columns are not "unread with values"


def test_choices_make_the_profile_and_contradictions_are_refused(first_check):
    rows = first_check.mappings[0].rows
    assert check_choices(rows, CHOICES, SURVEY) == []
    assert profile_from_choices(rows, CHOICES) == CONFIRMED
    twice = check_choices(rows, {**CHOICES, 0: "year_built"}, SURVEY)
    assert len(twice) == 1
    assert "建成年份" in twice[0][0] and "A5" in twice[0][0] and "D5" in twice[0][0]
    assert "Year built" in twice[0][1]
    unknown = check_choices(rows, {8: "roof_colour"}, SURVEY)
    assert "roof_colour" in unknown[0][1]


def save_confirmed(store, first_check, actor="school:3101159901"):
    mapping = first_check.mappings[0]
    return profiles.save_profile(store, mapping.signature, "survey",
                                 profile_from_choices(mapping.rows, CHOICES),
                                 [r.header for r in mapping.rows], actor)


def test_another_school_with_the_same_layout_is_read_as_confirmed(tmp_path, first_check):
    with SurveyStore(tmp_path / "db.duckdb") as store:
        saved = save_confirmed(store, first_check)
        again = check_upload_isolated(SHEET_B, "own_layout_b.xlsx",
                                      profiles.profiles_for(store, "survey"))
        assert not again.ask and again.mappings[0].profile_applied
        assert again.mappings[0].signature == saved.signature
        result = store.import_bytes(SHEET_B, "own_layout_b.xlsx", source="upload",
                                    actor="school:3101049902")
        assert result.status == STORED and result.sheets[0].profile_applied
        stored = store.current_buildings()
        used = profiles.get_profile(store, saved.signature)
        log = audit_log(store)
    by_name = stored.set_index("building_name")
    assert by_name.loc["行政楼", "roof_condition"] == "差"  # the 楼顶 column, as corrected
    assert by_name.loc["行政楼", "notes"] == "屋面待翻修"  # 情况说明
    assert by_name.loc["风雨操场", "year_built"] == 2015
    assert used.times_used == 1 and used.last_used_at is not None
    submission = log[log["action"] == "submission"].iloc[0]
    assert json.loads(submission["detail"])["mapping_profiles"] == [saved.signature]


def test_without_a_profile_the_same_sheet_stores_without_the_unread_columns(tmp_path):
    with SurveyStore(tmp_path / "db.duckdb") as store:
        result = store.import_bytes(SHEET_B, "own_layout_b.xlsx")
        stored = store.current_buildings()
    assert result.status == STORED and not result.sheets[0].profile_applied
    assert "差" not in set(stored["roof_condition"])  # 楼顶 not read: the default instead
    assert stored["notes"].isna().all()


ROSTER_ROWS = [["学校代码", "学校名称", "属地"],
               ["3101150101", "上海市浦东新区明珠中学", "浦东新区"],
               ["3101040033", "上海市徐汇区科创小学", "徐汇区"]]


def roster_bytes() -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(ROSTER_ROWS)
    return text.getvalue().encode("utf-8")


def test_the_roster_is_read_with_its_own_saved_profile(tmp_path):
    from sheets.reader import read_table

    parsed = read_table(roster_bytes(), "roster.csv", ROSTER)
    assert "district" not in parsed.columns  # 属地 is not recognised
    mapping = {m.header: m.field for m in parsed.mapping} | {"属地": "district"}
    with SurveyStore(tmp_path / "db.duckdb") as store:
        profiles.save_profile(store, parsed.signature, ROSTER.name, mapping,
                              [m.header for m in parsed.mapping], "committee")
        schools, _ = read_roster(roster_bytes(), "roster.csv",
                                 profiles.profiles_for(store, ROSTER.name))
        roster_id, report = import_roster(store, roster_bytes(), "roster.csv")
        stored = store.frame("SELECT school_code, district FROM roster_schools ORDER BY 1")
        # a survey profile of the same signature would not be one of the roster's
        assert profiles.profiles_for(store, SURVEY.name) == {}
    assert list(schools["district"]) == ["浦东新区", "徐汇区"]
    assert roster_id is not None and report.ok
    assert list(stored["district"]) == ["徐汇区", "浦东新区"]


# --- the command line ----------------------------------------------------------------------

def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAMPUS_ENERGY_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "surveys", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def sheets_on_disk(tmp_path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    a.write_bytes(SHEET_A)
    b.write_bytes(SHEET_B)
    return a, b


def test_check_prints_the_mapping_it_used(tmp_path, sheets_on_disk):
    a, _ = sheets_on_disk
    db = tmp_path / "none.duckdb"
    text = run("check", str(a), db=db)
    assert text.returncode == 0, text.stderr
    assert "列对应 Column mapping" in text.stdout and "matched by the reader" in text.stdout
    assert "D5 竣工时间 → year_built (uncertain)" in text.stdout
    assert "J5 情况说明 → — (suggested, ~notes?)" in text.stdout
    as_json = run("check", str(a), "--json", db=db)
    sheet = json.loads(as_json.stdout)["sheets"][0]
    assert not sheet["profile_applied"]
    assert {m["header"]: m["level"] for m in sheet["mapping"]}["楼顶"] == "unmatched"
    assert not db.exists()  # a check writes no database


def export_confirmed(tmp_path, first_check) -> tuple[Path, str]:
    with SurveyStore(tmp_path / "confirmed.duckdb") as store:
        signature = save_confirmed(store, first_check).signature
        out = tmp_path / "mappings.json"
        profiles.write_export(store, out)
    return out, signature


def test_check_and_import_with_a_mapping_file(tmp_path, sheets_on_disk, first_check):
    _, b = sheets_on_disk
    mapping_file, signature = export_confirmed(tmp_path, first_check)
    db = tmp_path / "db.duckdb"
    checked = run("check", str(b), "--mapping", str(mapping_file), "--json", db=db)
    assert checked.returncode == 0, checked.stderr
    sheet = json.loads(checked.stdout)["sheets"][0]
    assert sheet["profile_applied"] and sheet["signature"] == signature
    read = {m["header"]: (m["field"], m["level"]) for m in sheet["mapping"]}
    assert read["楼顶"] == ("roof_condition", "confirmed") and read["序号"] == (None, "declined")
    imported = run("import", str(b), "--mapping", str(mapping_file), db=db)
    assert imported.returncode == 0, imported.stderr
    assert f"read with the saved mapping {signature}" in imported.stdout
    assert "I5 楼顶 → roof_condition (confirmed)" in imported.stdout
    with SurveyStore(db) as store:
        assert set(store.current_buildings()["roof_condition"]) == {"差", "良好", "一般"}


def test_a_mapping_file_for_another_layout_is_said_and_a_bad_one_refused(
        tmp_path, sheets_on_disk, first_check):
    mapping_file, _ = export_confirmed(tmp_path, first_check)
    other = tmp_path / "template.xlsx"
    other.write_bytes(template_prefilled(SCHOOL, BUILDINGS))
    unused = run("check", str(other), "--mapping", str(mapping_file), db=tmp_path / "db.duckdb")
    assert unused.returncode == 0
    assert "has no profile for this layout" in unused.stderr and "没有此表格式" in unused.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', "utf-8")
    for command in ("check", "import"):
        refused = run(command, str(other), "--mapping", str(bad), db=tmp_path / "db.duckdb")
        assert refused.returncode == 2
        assert "列对应文件格式不正确" in refused.stderr and "not in the expected format" in refused.stderr
        assert "Traceback" not in refused.stderr


def test_mappings_list_export_import_delete(tmp_path, first_check):
    source, signature = export_confirmed(tmp_path, first_check)
    db = tmp_path / "db.duckdb"
    empty = run("mappings", "list", db=db)
    assert empty.returncode == 0 and "No saved column mappings" in empty.stdout
    assert run("mappings", "import", str(source), db=db).returncode == 0
    listed = run("mappings", "list", db=db)
    assert signature in listed.stdout and "楼顶 → roof_condition" in listed.stdout
    assert "序号 → —（不读取 not read）" in listed.stdout
    as_json = json.loads(run("mappings", "list", "--json", "--spec", "survey", db=db).stdout)
    assert as_json[0]["mapping"] == CONFIRMED and as_json[0]["created_by"] == "cli"
    assert json.loads(run("mappings", "list", "--json", "--spec", "roster", db=db).stdout) == []
    out = tmp_path / "again.json"
    assert run("mappings", "export", str(out), db=db).returncode == 0
    assert profiles.read_profiles_file(out) == {signature: CONFIRMED}
    assert run("mappings", "delete", signature, db=db).returncode == 0
    assert run("mappings", "delete", signature, db=db).returncode == 1
    with SurveyStore(db) as store:
        assert profiles.list_profiles(store) == []
        assert "mapping_deleted" in set(audit_log(store)["action"])


def test_import_reads_with_the_profiles_saved_in_its_database(tmp_path, sheets_on_disk,
                                                              first_check):
    _, b = sheets_on_disk
    db = tmp_path / "db.duckdb"
    with SurveyStore(db) as store:
        signature = save_confirmed(store, first_check).signature
    done = run("import", str(b), "--json", db=db)
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout)
    assert line["status"] == "stored" and line["sheets"][0]["signature"] == signature
    assert line["sheets"][0]["profile_applied"]
    with SurveyStore(db) as store:
        assert profiles.get_profile(store, signature).times_used == 1
