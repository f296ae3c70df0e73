"""Claims checked against our own numbers: roof capacity, PV yield, the school's own use."""

from __future__ import annotations

import dataclasses

import pytest

from energy.pv import aggregate, estimate_buildings
from energy.subsidy.metrics import school_context
from energy.subsidy.ranking import rank_applications
from energy.subsidy.rubric import load_rubric
from energy.subsidy.store import SubsidyStore
from energy.subsidy.verify import campus_pv_estimate, verify_claims
from tests.subsidy.conftest import CODE, SECOND, frame_of, pv_application, saving_application

PARAMS = load_rubric().parameters


def _estimate(survey_data):
    row = survey_data.pv.set_index("school_code").loc[CODE]
    return row["capacity_kwp"], row["annual_yield_kwh"] / row["capacity_kwp"]


def _verify(rows, survey_data, params=PARAMS):
    context = school_context(survey_data.schools, survey_data.buildings, params, 2026)
    return verify_claims(frame_of(rows), context, survey_data.pv, params)


def test_campus_estimate_comes_from_energy_pv_on_the_surveyed_roofs(survey_db):
    with SubsidyStore(survey_db) as store:
        ours = campus_pv_estimate(store.survey)
        direct = aggregate(estimate_buildings(store.survey.current_buildings()))
    assert set(ours["school_code"]) == {CODE, SECOND["school_code"]}
    assert (ours["capacity_kwp"] > 0).all()
    merged = ours.merge(direct, on="school_code")
    assert merged["annual_yield_kwh_x"].to_numpy() == pytest.approx(
        merged["annual_yield_kwh_y"].to_numpy())


def test_capacity_above_the_roof_is_flagged_with_both_numbers(survey_data):
    roof_kwp, specific = _estimate(survey_data)
    claim = pv_application(claimed_pv_capacity_kwp=round(1.5 * roof_kwp),
                           claimed_annual_pv_kwh=round(1.5 * roof_kwp * 1000))
    verified, flags = _verify([claim], survey_data)
    flag = flags.set_index("code").loc["flag_pv_capacity_above_roof"]
    assert flag["claimed"] == round(1.5 * roof_kwp)
    assert flag["estimated"] == pytest.approx(roof_kwp)
    assert f"{roof_kwp:,.0f}" in flag["message_zh"] and f"{roof_kwp:,.0f}" in flag["message_en"]
    # verified yield: our yield for the roof's capacity, below the claimed 1,000 kWh/kWp × 1.5
    assert verified["verified_annual_kwh"].iloc[0] == pytest.approx(
        min(round(1.5 * roof_kwp * 1000), roof_kwp * specific))


def test_yield_above_120_percent_of_our_estimate_for_the_projects_size(survey_data):
    roof_kwp, specific = _estimate(survey_data)
    kwp = round(0.5 * roof_kwp)
    ours = kwp * specific
    verified, flags = _verify([pv_application(claimed_pv_capacity_kwp=kwp,
                                              claimed_annual_pv_kwh=round(1.3 * ours))],
                              survey_data)
    assert list(flags["code"]) == ["flag_pv_yield_above_estimate"]
    assert flags["estimated"].iloc[0] == pytest.approx(ours)
    assert verified["verified_annual_kwh"].iloc[0] == pytest.approx(ours)


def test_within_tolerance_no_flag_but_the_score_still_uses_the_minimum(survey_data):
    roof_kwp, specific = _estimate(survey_data)
    kwp = round(0.5 * roof_kwp)
    claim = round(1.15 * kwp * specific)
    verified, flags = _verify([pv_application(claimed_pv_capacity_kwp=kwp,
                                              claimed_annual_pv_kwh=claim)], survey_data)
    assert flags.empty
    assert verified["verified_annual_kwh"].iloc[0] == pytest.approx(kwp * specific)
    modest = round(0.9 * kwp * specific)
    verified, _ = _verify([pv_application(claimed_pv_capacity_kwp=kwp,
                                          claimed_annual_pv_kwh=modest)], survey_data)
    assert verified["verified_annual_kwh"].iloc[0] == modest


def test_claims_are_scored_as_claimed_when_the_rubric_says_so(survey_data):
    roof_kwp, _ = _estimate(survey_data)
    params = dataclasses.replace(PARAMS, use_verified=False)
    claim = pv_application(claimed_pv_capacity_kwp=round(2 * roof_kwp),
                           claimed_annual_pv_kwh=round(2 * roof_kwp * 1300))
    verified, flags = _verify([claim], survey_data, params)
    assert len(flags) == 2
    assert verified["verified_annual_kwh"].iloc[0] == round(2 * roof_kwp * 1300)


def test_saving_above_the_schools_own_use_is_flagged_and_capped(survey_data):
    verified, flags = _verify([saving_application(claimed_annual_saving_kwh=2_500_000.0,
                                                  total_investment_cny=9_000_000.0,
                                                  subsidy_requested_cny=1_000_000.0)],
                              survey_data)
    flag = flags.set_index("code").loc["flag_saving_above_bound"]
    assert (flag["claimed"], flag["estimated"]) == (2_500_000.0, 1_850_000.0)
    assert verified["verified_annual_kwh"].iloc[0] == 1_850_000.0


def test_annual_use_on_the_sheet_differing_from_the_survey_is_flagged(survey_data):
    _, flags = _verify([saving_application(annual_electricity_kwh=1_000_000.0)], survey_data)
    flag = flags.set_index("code").loc["flag_use_mismatch"]
    assert (flag["claimed"], flag["estimated"]) == (1_000_000.0, 1_850_000.0)


def test_school_without_survey_cannot_be_checked(survey_data):
    _, flags = _verify([pv_application(school_code="3109999999")], survey_data)
    assert list(flags["code"]) == ["flag_pv_no_estimate"]


def test_flags_reach_the_ranking_json(survey_data):
    roof_kwp, _ = _estimate(survey_data)
    claim = pv_application(claimed_pv_capacity_kwp=round(1.5 * roof_kwp),
                           claimed_annual_pv_kwh=round(1.5 * roof_kwp * 1000))
    result = rank_applications(frame_of([claim]), survey_data, 1e6, reference_year=2026)
    flag = next(f for f in result.to_dict()["flags"]
                if f["code"] == "flag_pv_capacity_above_roof")
    assert flag == {"application_id": "P1", "code": "flag_pv_capacity_above_roof",
                    "claimed": float(round(1.5 * roof_kwp)),
                    "estimated": round(float(roof_kwp), 3)}
