"""Roster of expected schools and completeness against it."""

from __future__ import annotations

import subprocess
import sys

from surveys.roster import (
    completeness,
    completeness_by_district,
    import_roster,
    read_roster,
    schools_with_gaps,
)
from tests.sheets.files import csv_bytes, xlsx
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

ROSTER_ROWS = [["序号", "学校代码", "学校名称", "所在区"],
               [1, SCHOOL["school_code"], SCHOOL["school_name"], "浦东"],
               [2, "3101150002", "上海市未交中学", "浦东新区"],
               [3, "3101040001", "徐汇某小学", "徐汇"]]


def test_roster_is_read_from_a_gbk_csv():
    schools, report = read_roster(csv_bytes(ROSTER_ROWS, "gbk"), "名单.csv")
    assert report.ok, report.to_text()
    assert list(schools["school_code"]) == [SCHOOL["school_code"], "3101150002", "3101040001"]
    assert list(schools["district"]) == ["浦东新区", "浦东新区", "徐汇区"]


def test_duplicate_codes_are_located_errors():
    rows = ROSTER_ROWS + [[4, "3101150002", "重复", "浦东"]]
    _, report = read_roster(xlsx(rows), "dup.xlsx")
    assert [(i.code, i.cell) for i in report.errors] == [("duplicate_school", "B5")]
    assert "B3" in report.errors[0].message_zh


def test_roster_codes_follow_the_school_code_rule():
    rows = ROSTER_ROWS + [[4, "沪3101-15", "代码写错的学校", "浦东"],
                          [5, "3101150009\u200b", "零宽空格学校", "浦东"]]
    schools, report = read_roster(xlsx(rows), "名单.xlsx")
    assert [(i.code, i.cell) for i in report.errors] == [("school_code_invalid", "B5")]
    assert any(i.code == "school_code_cleaned" and i.cell == "B6" for i in report.warnings)
    assert "3101150009" in set(schools["school_code"].dropna())


def test_completeness_against_the_roster(store):
    roster_id, report = import_roster(store, xlsx(ROSTER_ROWS), "roster.xlsx")
    assert roster_id == 1
    store.import_bytes(template_prefilled(SCHOOL, BUILDINGS), "a.xlsx")
    extra = dict(SCHOOL, school_code="9999", latitude=None, longitude=None,
                 annual_electricity_kwh=None)
    store.import_bytes(template_prefilled(extra, BUILDINGS[:1]), "b.xlsx")
    table = completeness(store).set_index("school_code")
    assert table.loc[SCHOOL["school_code"], "submitted"]
    assert not table.loc["3101150002", "submitted"] and table.loc["3101150002", "on_roster"]
    assert not table.loc["9999", "on_roster"] and table.loc["9999", "submitted"]
    assert table.loc["9999", "missing_coordinates"] and table.loc["9999", "missing_electricity"]
    assert table.loc[SCHOOL["school_code"], "n_buildings"] == len(BUILDINGS)
    districts = completeness_by_district(table.reset_index()).set_index("district")
    assert districts.loc["浦东新区", "expected"] == 2 and districts.loc["浦东新区", "missing"] == 1
    assert districts.loc["徐汇区", "share_submitted"] == 0
    gaps = schools_with_gaps(table.reset_index())
    assert "9999" in set(gaps["school_code"])  # no coordinates, no annual use


def test_a_new_roster_replaces_the_old_one(store):
    import_roster(store, xlsx(ROSTER_ROWS), "r1.xlsx")
    import_roster(store, xlsx(ROSTER_ROWS[:2]), "r2.xlsx")
    assert completeness(store)["on_roster"].sum() == 1


def test_cli_roster_and_completeness(tmp_path):
    db, roster = tmp_path / "db.duckdb", tmp_path / "roster.xlsx"
    roster.write_bytes(xlsx(ROSTER_ROWS))
    run = subprocess.run([sys.executable, "-m", "surveys", "roster", str(roster), "--db", str(db)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "c.csv"
    run = subprocess.run([sys.executable, "-m", "surveys", "completeness", "--db", str(db),
                          "--csv", str(out)], capture_output=True, text=True)
    assert run.returncode == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "上海市未交中学" in out.read_text("utf-8-sig")
