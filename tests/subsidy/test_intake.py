"""Application and expert-score sheets: forgiving reading, every problem at its cell."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from energy.subsidy.intake import check_applications, check_reviews
from energy.subsidy.schema import APPLICATION, REVIEW
from energy.subsidy.template import (
    APPLICATION_SHEET,
    to_bytes,
    write_application_template,
    write_review_template,
)
from sheets.reader import UnreadableFile
from surveys.schema import EXAMPLE_MARK
from tests.subsidy.conftest import (
    CODE,
    applications_file,
    pv_application,
    reviews_file,
    saving_application,
    xlsx,
)
from tests.surveys.fixtures import SCHOOL

HEADER = ["学校代码", "申请编号", "项目名称", "项目类型", "项目总投资", "申请补助金额",
          "预计年节电量", "光伏装机容量", "光伏年发电量", "设计使用年限", "计划开工", "计划竣工"]


def sheet(*rows, header=HEADER) -> bytes:
    """Title row, header on row 2, data from row 3 (column A is the school code)."""
    return xlsx([["2026年奖补资金申请汇总"], header, *rows])


def good_row(**changes) -> list:
    values = dict(zip(HEADER, [CODE, "A1", "LED改造", "照明改造", 400000, 200000, 150000,
                               None, None, 10, "2026-03", "2026-08"]))
    values.update(changes)
    return [values[h] for h in HEADER]


def errors(data: bytes) -> list:
    return check_applications(data, "apps.xlsx").report.errors


def only(data: bytes, code: str, severity: str = "error"):
    report = check_applications(data, "apps.xlsx").report
    found = [i for i in report.issues if i.code == code and i.severity == severity]
    assert len(found) == 1, [(i.code, i.cell) for i in report.issues]
    issue = found[0]
    assert issue.message_zh and issue.message_en and issue.message_zh != issue.message_en
    return issue


def test_template_round_trip_filled_by_hand():
    blank = io.BytesIO()
    write_application_template(blank)
    book = openpyxl.load_workbook(io.BytesIO(blank.getvalue()))
    sheet_ = book[APPLICATION_SHEET]
    labels = {sheet_.cell(row=r, column=1).value: r for r in range(1, 12)}
    school_row = next(r for label, r in labels.items() if label and "学校代码" in label)
    sheet_.cell(row=school_row, column=2, value=CODE)
    header_row = next(r for r in range(1, 20) if sheet_.cell(row=r, column=1).value
                      and "申请编号" in str(sheet_.cell(row=r, column=1).value))
    assert str(sheet_.cell(row=header_row + 1, column=1).value).startswith(EXAMPLE_MARK)
    app = pv_application()
    for j, col in enumerate(APPLICATION.row_columns, start=1):
        if col.name in app:
            sheet_.cell(row=header_row + 2, column=j, value=app[col.name])
    out = io.BytesIO()
    book.save(out)
    result = check_applications(out.getvalue(), "filled.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.frame["application_id"]) == ["P1"]  # the example row is skipped
    row = result.frame.iloc[0]
    assert row["school_code"] == CODE and row["claimed_pv_capacity_kwp"] == 400.0
    assert row["co_funding_cny"] == 1_000_000.0  # blank: investment minus subsidy


def test_prefilled_template_and_flat_table_read_the_same():
    apps = [pv_application(), saving_application()]
    school = {"school_code": CODE, "school_name": SCHOOL["school_name"]}
    rows = [{k: v for k, v in a.items() if k != "school_code"} for a in apps]
    from_template = check_applications(
        to_bytes(write_application_template, school, rows), "t.xlsx")
    flat = check_applications(applications_file(apps), "f.xlsx")
    assert from_template.ok and flat.ok
    columns = ["application_id", "school_code", "subsidy_requested_cny",
               "claimed_annual_saving_kwh", "claimed_annual_pv_kwh"]
    assert from_template.frame[columns].equals(flat.frame[columns])


def test_money_in_wan_yuan_and_energy_in_wan_kwh_convert_from_the_header():
    header = [h for h in HEADER]
    header[4], header[5], header[6] = "项目总投资（万元）", "申请补助（万元）", "年节电量（万kWh）"
    data = sheet(good_row(**{"项目总投资": 40, "申请补助金额": 20, "预计年节电量": 15}),
                 header=header)
    result = check_applications(data, "wan.xlsx")
    assert result.ok, result.report.to_text()
    row = result.frame.iloc[0]
    assert row["total_investment_cny"] == 400_000.0
    assert row["subsidy_requested_cny"] == 200_000.0
    assert row["claimed_annual_saving_kwh"] == 150_000.0


def test_english_headers_in_any_order_and_dates():
    header = ["Subsidy requested (CNY)", "Application ID", "School code", "Project name",
              "Project type", "Total investment", "Claimed annual saving (kWh)",
              "Service life (years)", "Planned start", "Planned finish"]
    data = xlsx([header, [200000, "E1", CODE, "Heat pump", "heat pump", 900000, 300000, 15,
                          "2026年3月", "2026/9/30"]])
    result = check_applications(data, "en.xlsx")
    assert result.ok, result.report.to_text()
    row = result.frame.iloc[0]
    assert row["project_type"] == "空调与热泵"
    assert row["planned_start"] == dt.datetime(2026, 3, 1)
    assert row["planned_finish"] == dt.datetime(2026, 9, 30)


@pytest.mark.parametrize(("changes", "code", "cell"), [
    ({"项目总投资": "约40万"}, "not_a_number", "E3"),
    ({"申请补助金额": 500000}, "subsidy_above_investment", "F3"),
    ({"项目类型": "风电"}, "unknown_choice", "D3"),
    ({"设计使用年限": 80}, "above_max", "J3"),
    ({"计划竣工": "2026-01"}, "finish_before_start", "L3"),
    ({"计划开工": "明年"}, "not_a_date", "K3"),
    ({"预计年节电量": None}, "saving_required", "G3"),
    ({"申请编号": None}, "missing_value", "B3"),
])
def test_each_rule_reports_its_cell_bilingually(changes, code, cell):
    issue = only(sheet(good_row(**changes)), code)
    assert issue.cell == cell


def test_pv_projects_need_capacity_and_yield():
    row = good_row(**{"项目类型": "光伏", "预计年节电量": None, "光伏装机容量": 300})
    assert only(sheet(row), "pv_field_required").cell == "I3"


def test_pv_yield_unit_slips():
    impossible = good_row(**{"项目类型": "光伏", "光伏装机容量": 100, "光伏年发电量": 1_000_000})
    assert only(sheet(impossible), "pv_yield_impossible").cell == "I3"
    low = good_row(**{"项目类型": "光伏", "光伏装机容量": 100, "光伏年发电量": 12})
    assert only(sheet(low), "pv_yield_low", "warning").cell == "I3"


def test_duplicate_application_ids_and_funding_warning():
    data = sheet(good_row(), good_row(**{"项目名称": "再次"}))
    issue = only(data, "duplicate_application")
    assert issue.cell == "B4" and "B3" in issue.message_zh and "B3" in issue.message_en
    header = HEADER + ["自筹资金"]
    over = xlsx([header, good_row() + [300000]])
    assert only(over, "funding_above_investment", "warning").cell == "M2"
    short = xlsx([header, good_row() + [100000]])
    issue = only(short, "funding_below_investment", "warning")
    assert issue.cell == "M2" and "100,000" in issue.message_zh


def test_an_amount_in_yuan_under_a_wan_header_is_asked_about():
    header = ["申请编号", "项目名称", "项目类型", "项目总投资（万元）", "申请补助金额（万元）", "预计年节电量",
              "设计使用年限"]
    rows = [["A1", "照明", "照明改造", 40, 20, 150000, 10], ["A2", "照明", "照明改造", 1680000, 20, 150000, 10]]
    issue = only(xlsx([["学校代码", CODE], header, *rows]), "unit_slip_suspected", "warning")
    assert issue.cell == "D4" and "1,680,000" in issue.message_zh


def test_one_code_with_two_school_names_is_an_error_at_the_second():
    header = ["学校代码", "学校名称", *HEADER[1:]]
    first = [CODE, "上海市甲中学", *good_row()[1:]]
    second = [CODE, "乙小学", *good_row(**{"申请编号": "A2"})[1:]]
    assert only(xlsx([header, first, second]), "code_two_names").cell == "B3"
    same = [CODE, "甲中学", *good_row(**{"申请编号": "A2"})[1:]]  # 上海市 or not: one name
    assert not [i for i in errors(xlsx([header, first, same])) if i.code == "code_two_names"]


def test_part_rows_under_a_project_are_listed_not_applications():
    rows = [good_row(), [None, None, "其中：照明改造", None, 100000, None, 50000] + [None] * 5]
    result = check_applications(sheet(*rows), "apps.xlsx")
    assert result.ok and len(result.frame) == 1, result.report.to_text()
    part = [i for i in result.report.infos if i.code == "row_skipped_breakdown"]
    assert [i.row for i in part] == [4] and "项目" in part[0].message_zh


def test_every_problem_is_reported_at_once_and_nothing_returned_half():
    data = sheet(good_row(**{"项目总投资": "很多"}), good_row(**{"申请编号": "A2", "项目类型": "?"}),
                 good_row(**{"申请编号": "A3", "设计使用年限": -1}))
    result = check_applications(data, "bad.xlsx")
    assert {i.cell for i in result.report.errors} == {"E3", "D4", "J5"}
    assert not result.ok


def test_missing_required_column_and_no_header():
    header = [h for h in HEADER if h != "申请补助金额"]
    row = [v for h, v in zip(HEADER, good_row()) if h != "申请补助金额"]
    codes = {i.code for i in errors(xlsx([header, row]))}
    assert "missing_column" in codes
    assert {i.code for i in errors(xlsx([["随便"], ["什么", "都", "行"]]))} == {
        "no_header_application"}


def test_csv_in_gbk_is_read():
    text = ",".join(HEADER) + "\n" + ",".join("" if v is None else str(v) for v in good_row())
    result = check_applications(text.encode("gbk"), "apps.csv")
    assert result.ok, result.report.to_text()
    assert result.frame.iloc[0]["project_type"] == "照明改造"


def test_hostile_and_broken_files_are_refused():
    with pytest.raises(UnreadableFile):
        check_applications(b"PK\x03\x04 not really a zip", "apps.xlsx")
    with pytest.raises(UnreadableFile):
        check_applications(b"", "apps.xlsx")


def test_review_sheet_template_block_and_rules():
    scores = [{"application_id": "A1", "criterion": "示范", "score": 4.5},
              {"application_id": "A1", "criterion": "技术方案", "score": 3}]
    data = to_bytes(write_review_template, "E07", scores)
    result = check_reviews(data, "e07.xlsx")
    assert result.ok, result.report.to_text()
    assert set(result.frame["reviewer_id"]) == {"E07"}
    assert list(result.frame["criterion"]) == ["示范教育", "技术方案"]
    assert len(REVIEW.row_columns) == 4


def test_review_problems_are_located():
    rows = [{"reviewer_id": "E1", "application_id": "A1", "criterion": "示范教育", "score": 6},
            {"reviewer_id": "E1", "application_id": "A1", "criterion": "技术方案", "score": 3},
            {"reviewer_id": "E1", "application_id": "A1", "criterion": "技术", "score": 4},
            {"reviewer_id": "E1", "application_id": "ZZ", "criterion": "示范教育", "score": 2}]
    result = check_reviews(reviews_file(rows), "r.xlsx", application_ids=["A1"])
    codes = {(i.code, i.cell) for i in result.report.issues}
    assert ("above_max", "D5") in codes
    assert ("duplicate_review", "B7") in codes
    assert ("review_unknown_application", "B8") in codes
    assert "ZZ" not in set(result.frame["application_id"])


def test_an_unusual_school_code_in_an_application_is_a_warning_at_its_cell():
    warning = only(sheet(good_row(学校代码="310115")), "school_code_unusual", "warning")
    assert warning.cell == "A3" and "310115" in warning.message_en
