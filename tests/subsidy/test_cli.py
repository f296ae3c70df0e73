"""Command line: exit codes 0 / 1 / 2, the JSON answer's shape, files written."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from energy.subsidy.__main__ import main
from energy.subsidy.store import SubsidyStore
from tests.subsidy.conftest import (
    applications_file,
    pv_application,
    reviews_file,
    saving_application,
)

PROJECT_ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture
def sheets(tmp_path):
    apps = tmp_path / "申请表.xlsx"
    apps.write_bytes(applications_file([
        saving_application(), pv_application(),
        saving_application("L2", subsidy_requested_cny=250_000.0),
        saving_application("X", school_code="3109999999")]))
    scores = tmp_path / "评分.xlsx"
    scores.write_bytes(reviews_file([
        {"reviewer_id": "E1", "application_id": "L1", "criterion": "示范教育", "score": 4},
        {"reviewer_id": "E2", "application_id": "P1", "criterion": "示范教育", "score": 5}]))
    return apps, scores


def test_rank_end_to_end_in_a_fresh_process(sheets, db_copy, tmp_path):
    apps, scores = sheets
    out = tmp_path / "入围名单.xlsx"
    run = subprocess.run([sys.executable, "-m", "energy.subsidy", "rank", str(apps),
                          "--reviews", str(scores), "--budget-cny", "60万", "--db",
                          str(db_copy), "--out", str(out), "--json"],
                         capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)  # stdout holds the JSON and nothing else
    assert set(answer) == {"budget_cny", "shortlist", "held", "ineligible", "flags"}
    assert answer["budget_cny"] == 600_000.0
    assert {s["application_id"] for s in answer["shortlist"]} <= {"L1", "P1", "L2"}
    assert sum(s["subsidy_requested_cny"] for s in answer["shortlist"]) <= 600_000
    for item in answer["shortlist"]:
        assert set(item) == {"application_id", "rank", "score", "subsidy_requested_cny",
                             "shortlist_probability"}
        assert 0 <= item["shortlist_probability"] <= 1
    assert [i["application_id"] for i in answer["ineligible"]] == ["X"]
    assert all(set(f) == {"application_id", "code", "claimed", "estimated"}
               for f in answer["flags"])
    assert "入围名单 Shortlist" in openpyxl.load_workbook(out).sheetnames
    assert out.with_suffix(".csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with SubsidyStore(db_copy) as store:
        assert len(store.runs()) == 1 and len(store.uploads()) == 2


def test_text_summary(sheets, db_copy, tmp_path, capsys):
    apps, _ = sheets
    code = main(["rank", str(apps), "--budget-cny", "600000", "--db", str(db_copy),
                 "--out", str(tmp_path / "s.xlsx"), "--cap", "school_code:count:1"])
    text = capsys.readouterr().out
    assert code == 0 and "入围 Shortlisted: 1 /" in text


def test_sheet_with_errors_exits_1_with_located_bilingual_report(db_copy, tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(applications_file([saving_application(total_investment_cny="约40万")]))
    code = main(["rank", str(bad), "--budget-cny", "1000000", "--db", str(db_copy),
                 "--out", str(tmp_path / "o.xlsx"), "--json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)["reports"][0]
    issue = report["issues"][0]
    assert issue["cell"] == "I5" and issue["message_zh"] and issue["message_en"]
    assert not (tmp_path / "o.xlsx").exists()
    with SubsidyStore(db_copy) as store:
        assert store.uploads().empty and store.runs().empty


def test_unreadable_file_exits_2(db_copy, tmp_path, capsys):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a workbook")
    code = main(["rank", str(junk), "--budget-cny", "1000000", "--db", str(db_copy),
                 "--out", str(tmp_path / "o.xlsx"), "--json"])
    assert code == 2 and json.loads(capsys.readouterr().out)["unreadable"] is True


def test_bad_rubric_exits_1_and_bad_arguments_exit_2(sheets, db_copy, tmp_path, capsys):
    apps, _ = sheets
    rubric = tmp_path / "r.toml"
    rubric.write_text("[rubric]\nname = 'x'\nversion = '1'\n[[criteria]]\nid = 'a'\n"
                      "metric = 'payback_years'\ndirection = 'cost'\nnormalisation = 'minmax'\n"
                      "weight = 0.5\n", encoding="utf-8")
    args = ["rank", str(apps), "--db", str(db_copy), "--out", str(tmp_path / "o.xlsx")]
    assert main([*args, "--budget-cny", "1000000", "--rubric", str(rubric)]) == 1
    assert "权重之和" in capsys.readouterr().out
    assert main([*args, "--budget-cny", "很多"]) == 2
    assert main([*args, "--budget-cny", "100", "--cap", "city:share:1"]) == 2
    assert main(["rank", str(tmp_path / "none.xlsx"), "--budget-cny", "1", "--out", "x"]) == 2


def test_templates_rubric_and_check(tmp_path, capsys):
    assert main(["template", str(tmp_path / "a.xlsx")]) == 0
    assert main(["review-template", str(tmp_path / "r.xlsx"), "--reviewer", "E9"]) == 0
    assert main(["rubric", str(tmp_path / "my.toml")]) == 0
    assert "委员会" in (tmp_path / "my.toml").read_text(encoding="utf-8")
    assert main(["check", str(tmp_path / "a.xlsx")]) == 1  # blank template: no rows
    good = tmp_path / "good.xlsx"
    good.write_bytes(applications_file([saving_application()]))
    assert main(["check", str(good), "--json"]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "r.xlsx"), "--reviews"]) == 1
