"""The survey round at city scale: codes for the 300 demo schools in one action with the
distribution sheet read back, reminders against the completeness page, deadlines."""

from __future__ import annotations

import datetime as _dt
import io
import shutil
import subprocess
import sys

import duckdb
import openpyxl
import pytest

from core import access
from core.audit import audit_log
from surveys import round as survey_round
from surveys.outputs import MISSING_SCHOOLS, QUALITY
from surveys.roster import completeness, import_roster
from surveys.store import SurveyStore
from tests.dashboard_helpers import run_page
from tests.demo_cache import survey_demo
from tests.sheets.files import csv_bytes

HOSTILE = "=cmd|' /C calc'!A0"   # a DDE formula as a school name (no comma or double quote)
EXTRA = [("3101159991", HOSTILE, "浦东新区"), ("3101159992", "上海市未交小学（演示）", "浦东新区"),
         ("3101049993", "上海市徐汇区未交中学（演示）", "徐汇区")]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """300 demo schools and a roster of all of them plus three that never submitted."""
    path = tmp_path_factory.mktemp("round") / "demo.duckdb"
    survey_demo(path, n_schools=300)
    with SurveyStore(path) as store:
        schools = completeness(store)
        rows = [["学校代码", "学校名称", "所在区", "联系人"]]
        rows += [[r.school_code, r.school_name, r.district, ""] for r in schools.itertuples()]
        rows += [[*extra, f"王老师 021-6000{i}"] for i, extra in enumerate(EXTRA)]
        roster_id, report = import_roster(store, csv_bytes(rows, "utf-8-sig"), "名单.csv")
        assert roster_id is not None, report.to_text()
    return path


@pytest.fixture
def db(seeded, tmp_path):
    """A private copy of the seeded database (each test issues its own codes)."""
    target = tmp_path / "round.duckdb"
    shutil.copy(seeded, target)
    return target


def test_codes_for_every_demo_school_in_one_action(db):
    with SurveyStore(db) as store:
        before = len(access.upload_codes(store))
        issued = survey_round.issue_round_codes(store, "tester", 30)
        assert len(issued) == 303 and issued["school_code"].is_unique
        assert len(access.upload_codes(store)) == before + 303
        entries = audit_log(store, limit=5000)
        bulk = entries[(entries["action"] == "code_issued")
                       & entries["detail"].str.contains('"bulk": 303')]
        assert len(bulk) == 303
        sheet = survey_round.distribution_sheet(issued, None)
        book = openpyxl.load_workbook(io.BytesIO(sheet))
        ws = book.active
        assert [c.value for c in ws[3]] == [c.header("zh") for c in
                                           survey_round.DISTRIBUTION.columns]
        rows = list(ws.iter_rows(min_row=4, values_only=True))
        assert len(rows) == 303
        assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)
        codes = {row[5] for row in rows}
        assert len(codes) == 303
        owner = access.upload_codes(store).set_index("code_id")["school_code"]
        expected_expiry = (_dt.datetime.now(_dt.UTC) + _dt.timedelta(hours=8, days=30)).date()
        assert [row[0] for row in rows] == list(range(1, 304))
        for row in rows[::25] + rows[-3:]:
            school, code, expires, code_id = row[1], row[5], row[6], row[7]
            assert access.school_of_code(store, code) == school == owner[code_id]
            assert expires.date() == expected_expiry
        hostile = next(r for r in ws.iter_rows(min_row=4) if r[1].value == "3101159991")
        assert hostile[2].value == HOSTILE and hostile[2].data_type == "s"


def test_bulk_issue_is_all_or_nothing(db):
    with SurveyStore(db) as store:
        before = len(access.upload_codes(store))
        with pytest.raises(duckdb.ConstraintException):
            access.issue_codes(store, ["3101159991", None, "3101159992"], "tester", 30)
        assert len(access.upload_codes(store)) == before
        with pytest.raises(ValueError):
            access.issue_codes(store, ["3101159991", "3101159991"], "tester", 30)
        with pytest.raises(ValueError):
            access.issue_codes(store, ["3101159991"], "tester", 0)


def test_without_code_and_district(db):
    with SurveyStore(db) as store:
        pudong = survey_round.issue_round_codes(store, "tester", 30, district="浦东")
        assert set(pudong["district"]) == {"浦东新区"} and "3101159991" in set(pudong["school_code"])
        left = survey_round.code_targets(store, without_code=True)
        assert "浦东新区" not in set(left["district"]) and len(left) == 303 - len(pudong)
        access.revoke_codes(store, "tester", school_code="3101159992")
        again = survey_round.code_targets(store, district="Pudong", without_code=True)
        assert list(again["school_code"]) == ["3101159992"]
        with pytest.raises(ValueError):
            survey_round.code_targets(store, district="火星区")


def test_issue_all_on_the_command_line(db, tmp_path):
    out = tmp_path / "发放表.xlsx"

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "surveys", "code", "issue-all", *args,
                               "--db", str(db)], capture_output=True, text=True, timeout=120)

    done = cli("--district", "徐汇区", "--days", "45", "--out", str(out))
    assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(out).active
    schools = [row[1] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert "3101049993" in schools and all(s.startswith("310104") for s in schools)
    assert cli("--district", "徐汇区", "--without-code", "--days", "45",
               "--out", str(out)).returncode == 1   # all of them hold a code now
    assert cli("--days", "400", "--out", str(out)).returncode == 2
    assert cli("--days", "30", "--out", str(tmp_path / "x.csv")).returncode == 2
    assert cli("--district", "火星区", "--days", "30", "--out", str(out)).returncode == 2


def _frame_with(app, header):
    return next(d.value for d in app.dataframe if header in d.value.columns)


def test_reminders_match_the_completeness_page(db, monkeypatch):
    with SurveyStore(db) as store:
        survey_round.issue_round_codes(store, "tester", 30, district="徐汇区")
        table = survey_round.reminders(store)
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    app = run_page("completeness_page", "zh")
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    missing = table[table["reason"] == "not_submitted"]
    assert int(metrics["未提交"]) == len(missing) == 3
    page_missing = _frame_with(app, MISSING_SCHOOLS["school_code"].header("zh"))
    assert set(page_missing[MISSING_SCHOOLS["school_code"].header("zh")]) == \
        set(missing["school_code"]) == {code for code, _, _ in EXTRA}
    quality = _frame_with(app, QUALITY["missing_coordinates"].header("zh"))
    to_fix = table[table["reason"] == "to_fix"]
    assert len(quality) == len(to_fix) > 0
    assert set(quality[QUALITY["school_name"].header("zh")]) == set(to_fix["school_name"])
    # with each: the contact, the code, the last step in the audit trail
    xuhui = missing.set_index("school_code").loc["3101049993"]
    assert xuhui["has_active_code"] and xuhui["last_activity"] == "code_issued"
    assert xuhui["contact"] == "王老师 021-60002"   # from the roster: it never submitted
    assert to_fix["contact"].notna().all() and (to_fix["last_activity"] == "submission").any()


def test_reminder_files(db):
    with SurveyStore(db) as store:
        table = survey_round.reminders(store)
    for lang, reason in (("zh", "未提交"), ("en", "not submitted")):
        ws = openpyxl.load_workbook(io.BytesIO(survey_round.reminders_sheet(table, lang))).active
        rows = list(ws.iter_rows(values_only=True))
        assert len(rows) == len(table) + 1
        assert rows[0][0] == survey_round.REMINDERS["reason_label"].header(lang)
        assert sum(row[0] == reason for row in rows[1:]) == 3
        hostile = next(row for row in rows if row[1] == "3101159991")
        assert hostile[2] == HOSTILE
    text = survey_round.reminders_csv(table).decode("utf-8-sig")
    assert "'" + HOSTILE in text


def test_deadline_on_the_completeness_page(db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    today = survey_round.shanghai_today()
    with SurveyStore(db) as store:
        assert survey_round.current_round(store) is None
        survey_round.add_round(store, "春季调研", today - _dt.timedelta(days=3), "tester")
        survey_round.add_round(store, "秋季调研", today + _dt.timedelta(days=12), "tester",
                               opens_on=today)
        assert survey_round.current_round(store)["days_left"] == 12
        with pytest.raises(ValueError):
            survey_round.add_round(store, "倒序", today, "tester", opens_on=today + _dt.timedelta(1))
    app = run_page("completeness_page", "zh")
    assert any("秋季调研" in i.value and "还剩 12 天" in i.value for i in app.info)
    app = run_page("completeness_page", "en")
    assert any("12 days left" in i.value for i in app.info)
    with SurveyStore(db) as store:
        survey_round.add_round(store, "补报", today - _dt.timedelta(days=2), "tester")
    app = run_page("round_page", "en")
    assert any("passed 2 days ago" in w.value for w in app.warning)
    rounds = app.dataframe[0].value
    assert list(rounds.columns)[:4] == ["Round no.", "Round", "Opens on", "Deadline"]
    assert "补报" in set(rounds["Round"])
    headers = run_page("round_page", "zh").dataframe[0].value.columns
    assert "截止日期" in headers and not any("_" in h for h in headers)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_page_issues_codes_and_offers_the_sheet(db, monkeypatch, lang):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    app = run_page("round_page", lang)
    assert not app.exception
    issue = next(b for b in app.button if b.label in ("发放并生成发放表",
                                                      "Issue and make the distribution sheet"))
    issue.click().run()
    assert not app.exception
    assert any(("303" in s.value) for s in app.success)
    with SurveyStore(db) as store:
        assert survey_round.code_targets(store, without_code=True).empty
    app.run()   # the download stays on offer for the session after the rerun
    assert not app.exception and any("303" in s.value for s in app.success)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_page_on_an_empty_store(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(tmp_path / "empty.duckdb"))
    app = run_page("round_page", lang)
    assert not app.exception
    issue = next(b for b in app.button if b.label in ("发放并生成发放表",
                                                      "Issue and make the distribution sheet"))
    assert issue.disabled   # no school to issue a code to
    assert any(("没有需要提醒" in i.value) or ("No school to remind" in i.value) for i in app.info)


@pytest.mark.parametrize("text,district", [("闸北区", "静安区"), ("卢湾", "黄浦区"), ("崇明县", "崇明区"),
                                           ("浦东", "浦东新区")])
def test_a_district_by_its_former_name(text, district):
    assert survey_round.canonical_district(text) == district
