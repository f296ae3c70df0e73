"""After the decision: the status trail allowed and refused, audited; measured against claimed
and our estimate on a built case; the city summary and the evidence for the bounds."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.audit import audit_log
from core.audit_text import readable_log
from energy.subsidy.outcomes import (
    ACCEPTED,
    AWARDED,
    KEEP,
    LOWER,
    RAISE,
    TOO_FEW,
    UNDER_CONSTRUCTION,
    OutcomeRefused,
    bound_evidence,
    city_summary,
    comparison,
    decide_round,
    latest_steps,
    outcome_steps,
    record_outcome,
)
from energy.subsidy.rubric import load_rubric
from energy.subsidy.verify import campus_pv_estimate
from tests.subsidy.conftest import CODE
from tests.subsidy.round_fixtures import two_rounds


def _refused(code: str, *args, **kwargs) -> None:
    with pytest.raises(OutcomeRefused) as caught:
        record_outcome(*args, **kwargs)
    assert caught.value.code == code


def test_steps_in_order_only(store):
    two_rounds(store)
    kwargs = {"round_id": "2025"}
    _refused("out_of_order", store, "2025-L1", ACCEPTED, "chair", measured_kwh=1e5, **kwargs)
    _refused("out_of_order", store, "2025-L1", UNDER_CONSTRUCTION, "chair", **kwargs)
    _refused("no_application", store, "2026-P1", AWARDED, "chair", **kwargs)
    _refused("unknown_step", store, "2025-L1", "paid", "chair", **kwargs)
    record_outcome(store, "2025-L1", AWARDED, "chair", **kwargs)
    _refused("out_of_order", store, "2025-L1", AWARDED, "chair", **kwargs)
    _refused("out_of_order", store, "2025-L1", ACCEPTED, "chair", measured_kwh=1e5, **kwargs)
    _refused("measured_only_at_acceptance", store, "2025-L1", UNDER_CONSTRUCTION, "chair",
             measured_kwh=1e5, **kwargs)
    record_outcome(store, "2025-L1", UNDER_CONSTRUCTION, "site-office", **kwargs)
    _refused("need_measured", store, "2025-L1", ACCEPTED, "chair", **kwargs)
    _refused("need_measured", store, "2025-L1", ACCEPTED, "chair", measured_kwh=-5, **kwargs)
    record_outcome(store, "2025-L1", ACCEPTED, "inspector", measured_kwh=100_000, **kwargs)
    steps = outcome_steps(store, "2025")
    assert list(steps["status"]) == [AWARDED, UNDER_CONSTRUCTION, ACCEPTED]
    assert list(steps["actor"]) == ["chair", "site-office", "inspector"]
    assert steps["recorded_at"].is_monotonic_increasing
    assert steps["project_name"].notna().all()
    assert outcome_steps(store).empty   # round 2026 has none
    latest = latest_steps(steps)
    assert latest[["status", "measured_kwh"]].values.tolist() == [[ACCEPTED, 100_000.0]]
    log = readable_log(audit_log(store.survey), "zh")
    assert log["sentence"].str.contains("2025-L1 的项目通过验收").any()
    assert log["sentence"].str.contains("开工在建").any()


def test_deciding_awards_the_runs_shortlist(store):
    runs = two_rounds(store)
    with pytest.raises(OutcomeRefused) as caught:
        decide_round(store, runs["2026"], "chair", round_id="2025")
    assert caught.value.code == "not_this_round"
    awarded = decide_round(store, runs["2025"], "chair", round_id="2025")
    results = store.run_results(runs["2025"])
    assert awarded == sorted(results.loc[results["shortlisted"], "application_id"])
    assert awarded and set(outcome_steps(store, "2025")["status"]) == {AWARDED}
    with pytest.raises(OutcomeRefused):
        decide_round(store, runs["2025"], "chair", round_id="2025")


def test_measured_against_claimed_and_our_estimate(store):
    two_rounds(store)
    for app_id, measured in (("2025-P1", 400_000.0), ("2025-L1", 100_000.0)):
        for step in (AWARDED, UNDER_CONSTRUCTION):
            record_outcome(store, app_id, step, "chair", round_id="2025")
        record_outcome(store, app_id, ACCEPTED, "chair", measured_kwh=measured,
                       round_id="2025")
    compared = comparison(store).set_index("application_id")
    assert list(compared.index) == ["2025-L1", "2025-P1"]
    pv = compared.loc["2025-P1"]
    assert pv["claimed_kwh"] == 480_000.0 and pv["claim_to_result"] == pytest.approx(1.2)
    ours = campus_pv_estimate(store.survey).set_index("school_code").loc[CODE]
    expected = 400.0 * ours["annual_yield_kwh"] / ours["capacity_kwp"]
    assert pv["estimate_kwh"] == pytest.approx(expected)
    assert pv["result_to_estimate"] == pytest.approx(400_000.0 / expected)
    lighting = compared.loc["2025-L1"]
    assert lighting["claim_to_result"] == pytest.approx(1.5)
    assert math.isnan(lighting["estimate_kwh"])
    assert lighting["measured_share_of_use"] == pytest.approx(100_000 / 1_850_000)
    summary = city_summary(comparison(store)).set_index("project_type")
    assert summary.loc["照明改造", "median_claim_to_result"] == pytest.approx(1.5)
    assert summary.loc["光伏", "n_accepted"] == 1
    assert comparison(store, "2026", every_round=False).empty


def _built(project_type: str, shares: list[float], claims: list[float]) -> pd.DataFrame:
    column = "result_to_estimate" if project_type == "光伏" else "measured_share_of_use"
    return pd.DataFrame({"application_id": [f"{project_type}{i}" for i in range(len(shares))],
                         "project_type": project_type, column: shares,
                         "claim_to_result": claims})


def test_evidence_for_the_bounds_is_shown_not_applied():
    rubric = load_rubric()
    lighting = rubric.bound_for("照明改造").max_share                    # 0.20
    built = pd.concat([
        _built("照明改造", [0.04, 0.06, 0.05], [2.0, 1.6, 1.8]),           # far below: lower
        _built("空调与热泵", [0.2, 0.5, 0.1], [1.1, 1.0, 1.2]),            # above: raise
        _built("光伏", [0.9, 1.0, 0.95, 1.05], [1.1, 1.2, 1.0, 1.15]),   # within: keep
        _built("围护结构", [0.01], [3.0]),                                # one project
    ], ignore_index=True)
    evidence = bound_evidence(built, rubric).set_index("project_type")
    assert evidence.loc["照明改造", "suggestion"] == LOWER
    assert evidence.loc["照明改造", "suggested_share"] == pytest.approx(0.09)
    assert evidence.loc["照明改造", "median_claim_to_result"] == pytest.approx(1.8)
    assert evidence.loc["照明改造", "max_share"] == lighting
    assert evidence.loc["空调与热泵", "suggestion"] == RAISE
    assert evidence.loc["空调与热泵", "suggested_share"] == pytest.approx(0.5)
    assert evidence.loc["光伏", "suggestion"] == KEEP
    assert evidence.loc["围护结构", "suggestion"] == TOO_FEW
    assert load_rubric().bound_for("照明改造").max_share == lighting


@pytest.mark.slow
def test_demo_has_two_rounds_with_acceptance_figures(store):
    from energy.subsidy.demo import CLAIM_RATIO, seed_demo_applications
    from energy.subsidy.rounds import get_round, rounds

    summary = seed_demo_applications(store, n=16, seed=7)
    assert set(rounds(store)["round_id"]) == {"2025", "2026"}
    assert get_round(store, "2025").status == "decided" and store.round_id == "2026"
    assert summary["rounds"]["2025"]["awarded"] >= 1
    compared = comparison(store)
    assert len(compared) >= 1 and set(compared["round_id"]) == {"2025"}
    for row in compared.itertuples():
        low, high = CLAIM_RATIO[row.project_type]
        assert low - 0.01 <= row.claim_to_result <= high + 0.01
    steps = outcome_steps(store, "2025")
    assert set(steps["status"]) <= {AWARDED, UNDER_CONSTRUCTION, ACCEPTED}
    assert (steps["status"] == AWARDED).sum() == summary["rounds"]["2025"]["awarded"]
    assert summary["rounds"]["2026"]["intentions"] > 0
    again = seed_demo_applications(store, n=16, seed=7)
    assert again["rounds"]["2026"]["intentions"] == 0
    assert len(outcome_steps(store, "2025")) == len(steps)
