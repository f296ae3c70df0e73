"""Every gate and criterion through the whole ranking, expert aggregation, determinism."""

from __future__ import annotations

import pandas as pd
import pytest

from energy.subsidy.ranking import rank_applications
from energy.subsidy.reviews import aggregate_reviews
from tests.subsidy.conftest import (
    CODE,
    REFERENCE_YEAR,
    frame_of,
    pv_application,
    reviews_of,
    saving_application,
)

# The test school: buildings of 2005 (8,600 m²), 2012 (3,000 m²) and 1998 (7,200 m²).
MEAN_AGE = (21 * 8600 + 14 * 3000 + 28 * 7200) / 18800  # area-weighted, to 2026 [years]
NEED = 0.5 * MEAN_AGE / 40 + 0.5 * 1.0 / 2  # its EUI is its own type's median (ratio 1)


def scores(app_id: str, values: list[float], criterion: str = "示范教育") -> list[dict]:
    return [{"reviewer_id": f"E{i}", "application_id": app_id, "criterion": criterion,
             "score": v} for i, v in enumerate(values)]


def rank(rows, survey_data, budget=1_000_000.0, reviews=None, **kwargs):
    return rank_applications(frame_of(rows), survey_data, budget, reviews=reviews,
                             reference_year=REFERENCE_YEAR, **kwargs)


def test_every_metric_of_a_criterion_by_hand(survey_data):
    reviews = reviews_of(scores("L1", [1, 3, 4, 5]) + scores("L1", [0, 0, 0], "技术方案"))
    result = rank([saving_application()], survey_data, reviews=reviews)
    row = result.table.iloc[0]
    assert row["verified_annual_kwh"] == 150_000.0
    assert row["payback_years"] == pytest.approx(400_000 / (150_000 * 0.65))
    co2 = 150_000 * 10 * 0.5849 / 1000
    assert row["lifetime_co2_avoided_t"] == pytest.approx(co2)
    assert row["co2_avoided_t_per_10k_cny"] == pytest.approx(co2 / 20)
    assert row["subsidy_cny_per_tco2"] == pytest.approx(200_000 / co2)
    assert row["co_funding_share"] == pytest.approx(0.5)
    assert row["mean_building_age_years"] == pytest.approx(MEAN_AGE)
    assert row["need_index"] == pytest.approx(NEED)
    assert row["expert_score"] == pytest.approx(3.5)  # 4 reviewers: 1 and 5 dropped
    assert bool(row["survey_complete"])


def test_points_per_criterion_explain_the_score(survey_data):
    rows = [saving_application(), pv_application(), saving_application(
        "L2", subsidy_requested_cny=100_000.0, claimed_annual_saving_kwh=90_000.0)]
    reviews = reviews_of(scores("L1", [4, 4, 5]) + scores("P1", [2, 3, 3]))
    result = rank(rows, survey_data, reviews=reviews)
    third = result.explain(rank=3)
    row = result.table[result.table["rank"] == 3].iloc[0]
    assert third["points"].sum() == pytest.approx(row["score"])
    fixed = third.set_index("criterion")
    assert fixed.loc["need", "points"] == pytest.approx(100 * 0.15 * NEED)
    assert fixed.loc["co_funding", "points"] == pytest.approx(
        100 * 0.10 * row["co_funding_share"])
    assert fixed.loc["expert", "points"] == pytest.approx(100 * 0.10 * row["expert_score"] / 5)
    assert set(third.columns) >= {"label_zh", "label_en", "value", "unit", "weight", "points"}
    assert len(result.flags[result.flags["code"] == "flag_no_review"]) == 1  # L2


@pytest.mark.parametrize(("changes", "gate", "zh", "en"), [
    ({"school_code": "3109999999"}, "survey_complete", "调研表", "survey"),
    ({"claimed_annual_saving_kwh": 40_000.0}, "payback", "15.4 年，超过 10 年", "15.4 years"),
    ({"service_life_years": 1.0, "subsidy_requested_cny": 390_000.0}, "subsidy_per_tco2",
     "4,445 元，超过上限 3,000", "4,445 CNY, above the limit of 3,000"),
])
def test_each_default_gate_excludes_with_bilingual_reasons(survey_data, changes, gate, zh, en):
    result = rank([saving_application(**changes), saving_application("OK")], survey_data)
    failures = result.gate_failures
    assert list(failures["gate"]) == [gate] and list(failures["application_id"]) == ["L1"]
    assert zh in failures["reason_zh"].iloc[0] and en in failures["reason_en"].iloc[0]
    answer = result.to_dict()
    assert answer["ineligible"][0]["application_id"] == "L1"
    assert " / " in answer["ineligible"][0]["reasons"][0]
    assert result.table.set_index("application_id").loc["L1", "rank"] is pd.NA
    assert [s["application_id"] for s in answer["shortlist"]] == ["OK"]


def test_school_without_annual_use_fails_the_survey_gate(survey_data):
    schools = survey_data.schools.copy()
    schools.loc[schools["school_code"] == CODE, "annual_electricity_kwh"] = None
    data = type(survey_data)(schools, survey_data.buildings, survey_data.pv, "edited")
    result = rank([saving_application(annual_electricity_kwh=1_850_000.0)], data)
    assert list(result.gate_failures["gate"]) == ["survey_complete"]


def test_json_answer_has_exactly_the_documented_shape(survey_data):
    result = rank([saving_application(), pv_application(), saving_application(
        "BAD", school_code="3109999999")], survey_data)
    answer = result.to_dict()
    assert set(answer) == {"budget_cny", "shortlist", "held", "ineligible", "flags"}
    assert all(set(h) == {"application_id", "reasons", "ask", "gates_at_bound"}
               for h in answer["held"])
    assert all(set(s) == {"application_id", "rank", "score", "subsidy_requested_cny",
                          "shortlist_probability"} for s in answer["shortlist"])
    assert all(set(i) == {"application_id", "reasons"} for i in answer["ineligible"])
    assert all(set(f) == {"application_id", "code", "claimed", "estimated"}
               for f in answer["flags"])
    assert answer["budget_cny"] == 1_000_000.0


def test_same_input_same_result(survey_data):
    rows = [saving_application(f"L{i}", subsidy_requested_cny=100_000.0 + 10_000 * (i % 3),
                               claimed_annual_saving_kwh=80_000.0 + 5_000 * i)
            for i in range(8)] + [pv_application()]
    first = rank(rows, survey_data, budget=600_000.0)
    second = rank(rows, survey_data, budget=600_000.0)
    pd.testing.assert_frame_equal(first.table, second.table)
    assert first.to_json() == second.to_json()
    assert first.rubric.sha256 == second.rubric.sha256


def test_expert_aggregation_rule_and_spread():
    rows = pd.DataFrame({"application_id": ["A"] * 3 + ["B"] * 5, "criterion": "示范教育",
                         "reviewer_id": [f"E{i}" for i in range(8)],
                         "score": [2.0, 3.0, 4.0, 0.0, 3.0, 3.5, 4.0, 5.0]})
    out = aggregate_reviews(rows).set_index("application_id")
    assert out.loc["A", "score"] == pytest.approx(3.0) and not out.loc["A", "trimmed"]
    assert out.loc["B", "score"] == pytest.approx((3.0 + 3.5 + 4.0) / 3)
    assert out.loc["B", "spread"] == 5.0 and out.loc["B", "n_reviewers"] == 5
    assert out.loc["B", "mean"] == pytest.approx(3.1)


def test_topsis_through_the_whole_ranking(survey_data):
    from energy.subsidy.rubric import load_rubric

    rows = [saving_application(), pv_application(), saving_application(
        "L2", subsidy_requested_cny=100_000.0, claimed_annual_saving_kwh=90_000.0)]
    topsis = load_rubric().replace(method="topsis")
    result = rank(rows, survey_data, rubric=topsis)
    ranked = result.ranking
    assert ranked["score"].between(0, 100).all() and list(ranked["rank"]) == [1, 2, 3]
    terms = [c for c in ranked if c.startswith(("gap_best_", "gap_worst_"))]
    assert len(terms) == 2 * len(topsis.criteria)
    best = ranked[[c for c in terms if c.startswith("gap_best_")]].sum(axis=1) ** 0.5
    worst = ranked[[c for c in terms if c.startswith("gap_worst_")]].sum(axis=1) ** 0.5
    assert (100 * worst / (best + worst)).to_numpy() == pytest.approx(ranked["score"].to_numpy())
    assert result.parameters["method"] == "topsis"


def test_no_applications_no_crash(survey_data):
    empty = frame_of([saving_application()]).iloc[0:0]
    result = rank_applications(empty, survey_data, 1_000_000.0, reference_year=REFERENCE_YEAR)
    assert result.to_dict() == {"budget_cny": 1_000_000.0, "shortlist": [], "held": [],
                                "ineligible": [], "flags": []}
