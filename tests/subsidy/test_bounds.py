"""Plausible bounds by project type: an inflated claim is held (待核实), not ranked.

The issue's hand-made case: a comprehensive retrofit (节能综合改造) claiming 5,000,000 kWh a
year at a school whose whole use is 700,000 kWh was capped at 100 % of the use and ranked
first with more than twice the next score. Here the same situation is built from real
survey sheets and a real application workbook, and the claim must be held instead.
"""

from __future__ import annotations

import json

import pytest

from core.audit import audit_log
from energy.subsidy.__main__ import main
from energy.subsidy.ranking import SurveyData, rank_applications
from energy.subsidy.rubric import RubricError, default_rubric_text, load_rubric, parse_rubric
from energy.subsidy.store import SubsidyStore
from tests.subsidy.conftest import (
    CODE,
    REFERENCE_YEAR,
    SECOND,
    applications_file,
    frame_of,
    pv_application,
    saving_application,
)
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

SMALL = {**SCHOOL, "school_code": "3101070003", "school_name": "上海市测试小学",
         "district": "普陀区", "annual_electricity_kwh": 700_000.0}
INFLATED = "C1"


@pytest.fixture(scope="module")
def three_schools_db(tmp_path_factory):
    """The two test schools and a small one using 700,000 kWh a year, from real sheets."""
    path = tmp_path_factory.mktemp("bounds") / "campus.duckdb"
    with SubsidyStore(path) as store:
        for school in (SCHOOL, SECOND, SMALL):
            result = store.survey.import_bytes(template_prefilled(school, BUILDINGS),
                                               f"{school['school_code']}.xlsx")
            assert result.status == "stored", result.report and result.report.to_text()
    return path


@pytest.fixture
def db(three_schools_db, tmp_path):
    target = tmp_path / "campus.duckdb"
    target.write_bytes(three_schools_db.read_bytes())
    return target


def _field() -> list[dict]:
    """Twelve applications at three schools; C1 claims more than its school uses."""
    rows = [{**saving_application(INFLATED, school_code=SMALL["school_code"],
                                  project_name="节能综合改造", project_type="节能综合改造",
                                  claimed_annual_saving_kwh=5_000_000.0,
                                  total_investment_cny=3_000_000.0,
                                  subsidy_requested_cny=900_000.0, service_life_years=15.0)}]
    for i, code in enumerate([CODE, SECOND["school_code"], SMALL["school_code"]] * 3):
        use = {CODE: 1_850_000.0, SECOND["school_code"]: 4_000_000.0}.get(code, 700_000.0)
        rows.append(saving_application(f"L{i + 1}", school_code=code,
                                       claimed_annual_saving_kwh=round(use * (0.04 + 0.01 * i)),
                                       total_investment_cny=300_000.0 + 20_000 * i,
                                       subsidy_requested_cny=100_000.0 + 10_000 * i))
    rows += [pv_application("P1"), pv_application("P2", school_code=SECOND["school_code"],
                                                  claimed_pv_capacity_kwp=200.0,
                                                  claimed_annual_pv_kwh=230_000.0)]
    return rows


def _rank(db, rows=None, clarifications=None):
    with SubsidyStore(db) as store:
        survey = SurveyData.from_store(store.survey)
        decided = store.clarifications() if clarifications is None else clarifications
    return rank_applications(frame_of(rows or _field()), survey, 2_000_000.0,
                             reference_year=REFERENCE_YEAR, clarifications=decided)


def test_the_inflated_claim_is_held_not_ranked_and_scored_at_its_bound(db):
    result = _rank(db)
    row = result.table.set_index("application_id").loc[INFLATED]
    bound = load_rubric().bound_for("其他")
    assert row["project_type"] == "其他"  # 节能综合改造 reads as 其他
    assert row["status"] == "held" and bool(row["held"])
    assert row["saving_bound_kwh"] == pytest.approx(bound.max_share * 700_000.0)
    assert row["verified_annual_kwh"] == pytest.approx(bound.max_share * 700_000.0)
    assert INFLATED not in set(result.ranking["application_id"])
    assert INFLATED not in set(result.shortlist["application_id"])
    assert INFLATED in set(result.held["application_id"])
    assert "5,000,000" in row["hold_reasons_zh"] and "5,000,000" in row["hold_reasons_en"]
    assert row["ask_zh"] == bound.ask_zh and row["ask_en"] == bound.ask_en
    t = result.table
    assert set(result.ranking["application_id"]) == set(
        t.loc[t["eligible"] & ~t["held"], "application_id"])
    assert result.ranking["rank"].tolist() == list(range(1, len(result.ranking) + 1))
    assert len(result.ranking) >= 8


def test_the_ranking_no_longer_rewards_the_inflated_claim(db):
    """Capped at 100 % of the use the inflated claim scored twice the next; held, no
    application of the field stands that far ahead."""
    result = _rank(db)
    first, second = result.ranking["score"].iloc[:2]
    capped = rank_applications(frame_of(_field()), _rank_data(db), 2_000_000.0,
                               rubric=_without_bounds(), reference_year=REFERENCE_YEAR)
    top = capped.ranking.iloc[0]
    assert top["application_id"] == INFLATED  # the old behaviour: ranked first
    assert top["score"] > 1.5 * capped.ranking["score"].iloc[1]
    assert first < 1.5 * second


def _rank_data(db):
    with SubsidyStore(db) as store:
        return SurveyData.from_store(store.survey)


def _without_bounds():
    rubric = load_rubric()
    return rubric.replace(bounds=()).replace(parameters=__import__("dataclasses").replace(
        rubric.parameters, saving_plausibility_share=10.0))


def test_a_lighting_claim_is_bounded_by_the_lighting_share_not_the_whole_use(db):
    bound = load_rubric().bound_for("照明改造")
    below = saving_application("L1", claimed_annual_saving_kwh=0.9 * bound.max_share * 1_850_000)
    above = saving_application("L2", claimed_annual_saving_kwh=1.1 * bound.max_share * 1_850_000)
    result = _rank(db, [below, above])
    status = result.table.set_index("application_id")["status"]
    assert status["L1"] == "ranked" and status["L2"] == "held"
    assert bound.max_share < 1.0


def test_pv_above_its_bound_on_our_estimate_is_held(db):
    pv = _rank_data(db).pv.set_index("school_code").loc[CODE]
    specific = pv["annual_yield_kwh"] / pv["capacity_kwp"]
    kwp = round(0.5 * pv["capacity_kwp"])
    share = load_rubric().bound_for("光伏").max_share
    rows = [pv_application("P1", claimed_pv_capacity_kwp=kwp,
                           claimed_annual_pv_kwh=round(0.95 * share * kwp * specific)),
            pv_application("P2", claimed_pv_capacity_kwp=kwp,
                           claimed_annual_pv_kwh=round(1.05 * share * kwp * specific)),
            pv_application("P3", claimed_pv_capacity_kwp=round(1.3 * pv["capacity_kwp"]),
                           claimed_annual_pv_kwh=round(pv["capacity_kwp"] * specific))]
    table = _rank(db, rows).table.set_index("application_id")
    assert table.loc["P1", "status"] == "ranked"
    assert table.loc["P2", "hold_codes"] == "flag_pv_yield_above_estimate"
    assert "flag_pv_capacity_above_roof" in table.loc["P3", "hold_codes"]
    assert table.loc["P3", "ask_en"] != ""


def test_a_confirmed_claim_is_ranked_at_the_claim_with_the_reason_in_the_audit_log(db):
    with SubsidyStore(db) as store:
        store.clarify(INFLATED, "confirmed", 5_000_000.0, "chair", "学校提供了分项计量数据")
        log = audit_log(store.survey)
    result = _rank(db)
    row = result.table.set_index("application_id").loc[INFLATED]
    assert row["status"] == "ranked" and row["verified_annual_kwh"] == 5_000_000.0
    assert "chair" in row["clarification"] and "分项计量" in row["clarification"]
    entry = log[log["action"] == "claim_confirmed"].iloc[0]
    assert entry["actor"] == "chair" and entry["subject"] == INFLATED
    assert "分项计量" in entry["detail"]


def test_a_corrected_claim_is_scored_at_the_correction(db):
    with SubsidyStore(db) as store:
        store.clarify(INFLATED, "corrected", 5_000_000.0, "chair", "单位错误：应为 kWh 的十分之一",
                      figure_kwh=150_000.0)
        assert audit_log(store.survey)["action"].tolist().count("claim_corrected") == 1
    result = _rank(db)
    row = result.table.set_index("application_id").loc[INFLATED]
    assert not row["held"] and row["verified_annual_kwh"] == 150_000.0
    # 3,000,000 CNY for 150,000 kWh a year: a 31-year payback, now an ordinary gate failure
    assert row["status"] == "ineligible"
    failed = result.gate_failures[result.gate_failures["application_id"] == INFLATED]
    assert "payback" in set(failed["gate"])


def test_a_decision_counts_only_for_the_claim_it_was_made_on(db):
    with SubsidyStore(db) as store:
        store.clarify(INFLATED, "confirmed", 5_000_000.0, "chair", "已核实")
    rows = _field()
    rows[0]["claimed_annual_saving_kwh"] = 6_000_000.0  # a new sheet, a new figure
    assert _rank(db, rows).table.set_index("application_id").loc[INFLATED, "status"] == "held"


def test_a_decision_needs_a_reason_and_a_positive_figure(db):
    with SubsidyStore(db) as store:
        with pytest.raises(ValueError):
            store.clarify(INFLATED, "confirmed", 5_000_000.0, "chair", "  ")
        with pytest.raises(ValueError):
            store.clarify(INFLATED, "corrected", 5_000_000.0, "chair", "x", figure_kwh=0.0)
        assert store.clarifications().empty


def test_rank_json_lists_held_apart_from_shortlist_and_ineligible(db, tmp_path, capsys):
    sheet = tmp_path / "申请表.xlsx"
    sheet.write_bytes(applications_file(_field()))
    code = main(["rank", str(sheet), "--budget-cny", "200万", "--db", str(db),
                 "--out", str(tmp_path / "out.xlsx"), "--json"])
    assert code == 0
    answer = json.loads(capsys.readouterr().out)
    held = {h["application_id"]: h for h in answer["held"]}
    assert list(held) == [INFLATED]
    assert held[INFLATED]["reasons"] and "5,000,000" in held[INFLATED]["reasons"][0]
    assert INFLATED not in {s["application_id"] for s in answer["shortlist"]}
    assert INFLATED not in {i["application_id"] for i in answer["ineligible"]}
    # at its bound it would fail the payback gate: said beside the hold, not as ineligible
    assert any("回收期" in g for g in held[INFLATED]["gates_at_bound"])


def test_clarify_command_lifts_the_hold(db, tmp_path, capsys):
    sheet = tmp_path / "申请表.xlsx"
    sheet.write_bytes(applications_file(_field()))
    args = ["rank", str(sheet), "--budget-cny", "200万", "--db", str(db),
            "--out", str(tmp_path / "out.xlsx"), "--json"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["clarify", INFLATED, "--correct-kwh", "15万", "--reason", "学校更正",
                 "--by", "chair", "--db", str(db)]) == 0
    assert main(args) == 0
    answer = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert answer["held"] == []


def test_every_bound_has_a_source_or_is_marked_as_assumption():
    text = default_rubric_text()
    rubric = parse_rubric(text)
    assert {b.project_type for b in rubric.bounds} >= {"光伏", "照明改造", "空调与热泵"}
    assert all(b.source or b.assumption for b in rubric.bounds)
    broken = text.replace('project_type = "照明改造"\nbasis = "use"',
                          'project_type = "照明改造"\nbasis = "pv_estimate"')
    broken = broken.replace("\nassumption = true", "\nassumption = false", 1)
    with pytest.raises(RubricError) as error:
        parse_rubric(broken)
    cells = {i.cell for i in error.value.report.issues}
    assert {"bounds[1].source", "bounds[2].basis"} <= cells


def test_demo_overclaims_are_held_and_no_ranked_claim_exceeds_its_bound(db):
    from energy.subsidy.demo import demo_applications

    with SubsidyStore(db) as store:
        survey = SurveyData.from_store(store.survey)
        rows = demo_applications(store.survey.current_schools(),
                                 store.survey.current_buildings(), n=30)
    result = rank_applications(frame_of(rows), survey, 3_000_000.0,
                               reference_year=REFERENCE_YEAR)
    t = result.table
    over = t["claimed_annual_kwh"] > t["saving_bound_kwh"]
    assert over.sum() >= 2 and t.loc[over, "held"].all()
    assert (result.ranking["claimed_annual_kwh"] <= result.ranking["saving_bound_kwh"]).all()
