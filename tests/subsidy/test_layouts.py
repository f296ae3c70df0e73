"""Units stated outside the header, vertical forms, score layouts and the saving check."""

from __future__ import annotations

import json

import pytest

from energy.subsidy.__main__ import main
from energy.subsidy.intake import check_applications, check_reviews, is_not_applicable
from energy.subsidy.reviews import criterion_of, score_value
from sheets.forms import tick_choices
from sheets.notes import parse_note
from tests.subsidy.conftest import CODE, applications_file, saving_application
from tests.subsidy.realistic.corpus import xlsx

HEADER = ["申请编号", "项目名称", "项目类型", "项目总投资", "申请补助", "预计年节电量", "使用年限"]
ROW = ["N-1", "照明改造", "照明", 40, 20, 15000, 10]


def _issues(result, code: str) -> list:
    return [i for i in result.report.issues if i.code == code]


@pytest.mark.parametrize(("text", "words"), [
    ("2026年奖补申报汇总表（单位：万元）", [("万元", ("cny",))]),
    ("金额单位：万元", [("万元", ("cny",))]),
    ("面积单位：万㎡", [("万㎡", ("m2",))]),
    ("单位：万元、kW", [("万元", ("cny",)), ("kW", ("kw", "kwp"))]),
    ("注：金额单位为万元；电量单位：万kWh", [("万元", ("cny",)), ("万kWh", ("kwh",))]),
    ("填报单位：XX中学    单位：万元", [("万元", ("cny",))]),
    ("填报单位：明珠中学", []),
    ("申报单位（盖章）：", []),
    ("单位：万", [("万", ("m2", "kwh", "cny"))]),
])
def test_unit_statements_are_read_with_their_family(text, words):
    assert [(w.word, w.families) for w in parse_note(text)] == words


def test_note_governs_only_columns_without_their_own_unit():
    header = list(HEADER)
    header[4] = "申请补助（元）"
    data = xlsx([["申报汇总（金额单位：万元）"], ["学校代码", CODE], header, ROW])
    result = check_applications(data, "a.xlsx")
    assert result.ok, result.report.to_text()
    row = result.frame.iloc[0]
    assert row["total_investment_cny"] == 400_000.0  # from the note
    assert row["subsidy_requested_cny"] == 20.0  # its header says 元: the header wins
    assert row["claimed_annual_saving_kwh"] == 15_000.0  # not money: untouched
    applied = _issues(result, "unit_from_note")
    assert [i.cell for i in applied] == ["D3"] and "A1" in applied[0].message_zh


def test_an_ambiguous_unit_is_a_question_never_a_silent_factor():
    data = xlsx([["单位：万"], ["学校代码", CODE], HEADER, ROW])
    result = check_applications(data, "a.xlsx")
    question = _issues(result, "unit_note_ambiguous")
    assert len(question) == 1 and question[0].cell == "A1"
    assert "项目总投资" in question[0].message_zh and "Total investment" in question[0].message_en
    assert result.frame.iloc[0]["total_investment_cny"] == 40.0  # not silently scaled
    assert not _issues(result, "unit_from_note")


def test_without_a_note_nothing_is_scaled_and_nothing_said():
    result = check_applications(xlsx([["学校代码", CODE], HEADER, ROW]), "a.xlsx")
    assert result.frame.iloc[0]["total_investment_cny"] == 40.0
    assert not _issues(result, "unit_from_note") and not _issues(result, "unit_note_ambiguous")


@pytest.mark.parametrize(("text", "ticked"), [
    ("☑光伏 □照明", ["光伏"]), ("□光伏 ■照明改造 □其他", ["照明改造"]), ("[√]热泵 [ ]光伏", ["热泵"]),
    ("□光伏 □照明", []), ("☑光伏 ☑照明", ["光伏", "照明"]),
    ("光伏（ ）  照明改造（√）  其他（　）", ["照明改造"]), ("光伏√ 照明□", ["光伏"]),
])
def test_tick_boxes(text, ticked):
    assert tick_choices(text)[0] == ticked


def test_plain_text_has_no_tick_boxes():
    assert tick_choices("屋顶光伏") is None and tick_choices(12) is None


def _form(ticks: str) -> bytes:
    return xlsx([["奖补资金申请表"], ["学校代码", CODE, "项目编号", "F-1"],
                 ["项目名称", "教室LED", "项目类型", ticks],
                 ["项目总投资（万元）", 30, "申请补助资金（万元）", 12],
                 ["预计年节电量（kWh）", 50000, "设计使用年限（年）", 10]])


def test_form_with_two_boxes_ticked_is_an_error_at_the_cell():
    result = check_applications(_form("☑光伏 ☑照明改造"), "f.xlsx")
    assert {i.cell for i in result.report.errors if i.code == "form_several_ticked"} == {"D3"}


def test_form_reads_one_application_with_located_values():
    result = check_applications(_form("□光伏 ☑照明改造"), "f.xlsx")
    assert result.ok, result.report.to_text()
    row = result.frame.iloc[0]
    assert (row["project_type"], row["total_investment_cny"]) == ("照明改造", 300_000.0)


def test_form_missing_required_value_points_at_its_cell():
    data = xlsx([["奖补资金申请表"], ["学校代码", CODE, "项目编号", "F-1"],
                 ["项目名称", "教室LED", "项目类型", "☑照明改造"],
                 ["项目总投资（万元）", None, "申请补助资金（万元）", 12],
                 ["预计年节电量（kWh）", 50000, "设计使用年限（年）", 10]])
    result = check_applications(data, "f.xlsx")
    assert any(i.code == "missing_value" and i.cell == "B4" for i in result.report.errors), (
        result.report.to_text())


@pytest.mark.parametrize("value", [0, "0", "—", "无", "不涉及", "不适用", "N/A", "／"])
def test_pv_fields_of_a_lighting_project_may_say_it_does_not_apply(value):
    header = HEADER + ["光伏装机容量", "光伏年发电量"]
    data = xlsx([["学校代码", CODE], header, ROW + [value, value]])
    result = check_applications(data, "a.xlsx")
    assert result.ok, result.report.to_text()


def test_a_lighting_projects_real_pv_figure_is_still_checked():
    header = HEADER + ["光伏装机容量"]
    result = check_applications(xlsx([["学校代码", CODE], header, ROW + ["很多"]]), "a.xlsx")
    assert [i.cell for i in result.report.errors] == ["H3"]


def test_not_applicable_words():
    assert is_not_applicable("不涉及") and is_not_applicable("—") and not is_not_applicable("12")


def test_saving_above_the_use_the_application_states():
    data = xlsx([["学校代码", CODE], ["学校年用电量（万kWh）", 10], HEADER,
                 ["N-1", "空调群控", "空调", 40, 20, 150000, 10]])
    result = check_applications(data, "a.xlsx")
    found = _issues(result, "saving_above_use")
    assert [i.cell for i in found] == ["F4"], result.report.to_text()
    assert "100,000" in found[0].message_zh  # the stated use, in kWh after 万kWh


def test_check_compares_a_saving_with_the_surveyed_use(db_copy, tmp_path, capsys):
    sheet = tmp_path / "apps.xlsx"  # the test school uses 1,850,000 kWh a year
    sheet.write_bytes(applications_file([saving_application(
        claimed_annual_saving_kwh=2_000_000.0)]))
    assert main(["check", str(sheet), "--json"]) == 0
    assert "saving_above_use" not in capsys.readouterr().out  # nothing to compare with
    assert main(["check", str(sheet), "--db", str(db_copy), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    found = [i for i in report["issues"] if i["code"] == "saving_above_use"]
    assert len(found) == 1 and found[0]["cell"] and "调研表" in found[0]["message_zh"]


@pytest.mark.parametrize(("typed", "score"), [("4.5分", "4.5"), ("４.５", "4.5"), ("3 分", "3"),
                                              (4, 4)])
def test_scores_as_typed(typed, score):
    assert score_value(typed) == score


@pytest.mark.parametrize(("wording", "criterion"), [
    ("示范教育作用", "示范教育"), ("示范教育作用（满分5分）", "示范教育"), ("技术方案可行性", "技术方案"),
    ("实施保障得分", "实施保障"), ("Demonstration", "示范教育"),
])
def test_criterion_wording_matched_like_headers(wording, criterion):
    assert criterion_of(wording)[0] == criterion


def test_project_name_is_no_criterion():
    assert criterion_of("项目名称") is None and criterion_of("序号") is None


def test_matrix_without_a_criterion_is_one_located_error():
    data = xlsx([["专家评分"], ["项目编号", "专家1", "专家2"], ["PD-01", 4, 5]])
    result = check_reviews(data, "s.xlsx")
    assert [i.code for i in result.report.errors] == ["review_no_criterion"]
    assert result.report.errors[0].cell == "A2"


def test_score_out_of_range_in_a_matrix_is_at_its_cell():
    data = xlsx([["示范教育评分"], ["项目编号", "专家1", "专家2"], ["PD-01", 4, "7分"]])
    result = check_reviews(data, "s.xlsx")
    assert [(i.code, i.cell) for i in result.report.errors] == [("above_max", "C3")]


def test_unknown_application_in_a_matrix_is_reported_and_left_out():
    data = xlsx([["示范教育评分"], ["项目编号", "专家1", "专家2"], ["PD-01", 4, 5],
                 ["ZZ-9", 3, 3]])
    result = check_reviews(data, "s.xlsx", application_ids=["PD-01"])
    assert sorted(result.frame["reviewer_id"]) == ["专家1", "专家2"]
    assert {i.cell for i in _issues(result, "review_unknown_application")} == {"A4"}


def test_two_statements_in_one_note_each_govern_their_columns():
    data = xlsx([["奖补申请（金额单位：万元，电量单位：万kWh）"], ["学校代码", CODE], HEADER, ROW])
    result = check_applications(data, "a.xlsx")
    row = result.frame.iloc[0]
    assert row["total_investment_cny"] == 400_000.0
    assert row["claimed_annual_saving_kwh"] == 150_000_000.0
    assert {i.cell for i in _issues(result, "unit_from_note")} == {"D3", "E3", "F3"}


def test_two_column_form_whose_values_read_like_labels():
    """项目类型 | 光伏发电: the value is a choice of the field, not a label of 年发电量."""
    data = xlsx([["申请表"], ["学校代码", CODE], ["项目编号", "B-1"], ["项目名称", "屋顶光伏发电"],
                 ["项目类型", "光伏发电"], ["总投资（万元）", 100], ["申请补助（万元）", 30],
                 ["装机容量（kWp）", 250], ["年发电量（kWh）", 270000], ["使用年限", 25]])
    result = check_applications(data, "b.xlsx")
    assert result.ok, result.report.to_text()
    row = result.frame.iloc[0]
    assert (row["project_name"], row["project_type"]) == ("屋顶光伏发电", "光伏")
    assert row["claimed_annual_pv_kwh"] == 270_000.0


def test_expert_columns_with_the_name_in_brackets():
    data = xlsx([["示范教育作用评分"], ["项目编号", "专家1（张伟）", "专家2（李红）"], ["PD-01", 4, "4.5分"]])
    result = check_reviews(data, "s.xlsx")
    assert result.ok, result.report.to_text()
    assert sorted(result.frame["reviewer_id"]) == ["专家1（张伟）", "专家2（李红）"]
