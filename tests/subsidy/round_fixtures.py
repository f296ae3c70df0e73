"""Two rounds of real application sheets in a real store, for the round and outcome tests."""

from __future__ import annotations

from energy.subsidy.ranking import SurveyData, rank_applications
from energy.subsidy.rounds import open_round
from tests.subsidy.conftest import (
    CODE,
    REFERENCE_YEAR,
    SECOND,
    applications_file,
    pv_application,
    saving_application,
)

ROUND_2025 = [pv_application("2025-P1"), saving_application("2025-L1"),
              saving_application("2025-L2", school_code=SECOND["school_code"],
                                 claimed_annual_saving_kwh=300_000.0)]
ROUND_2026 = [pv_application("2026-P1", subsidy_requested_cny=500_000.0),
              saving_application("2026-H1", project_type="空调与热泵",
                                 claimed_annual_saving_kwh=120_000.0)]
BUDGET_2025 = 900_000.0


def store_round(store, round_id: str, rows: list[dict]):
    """Import ``rows`` as the application sheet of ``round_id``; asserts it was stored."""
    result = store.import_bytes(applications_file(rows), f"{round_id}.xlsx", round_id=round_id)
    assert result.status == "stored", result.report and result.report.to_text()
    return result


def rank_round(store, round_id: str, budget_cny: float):
    """Rank a round's current applications and record the run; returns (result, run_id)."""
    result = rank_applications(store.current_applications(round_id),
                               SurveyData.from_store(store.survey), budget_cny,
                               reference_year=REFERENCE_YEAR)
    return result, store.record_run(result, round_id=round_id)


def two_rounds(store) -> dict:
    """Round 2025 (opened here, applications, a ranking run) beside the default round 2026
    (applications, a run); returns the run ids."""
    open_round(store, "2025年度", "chair", budget_cny=BUDGET_2025)
    store_round(store, "2025", ROUND_2025)
    store_round(store, "2026", ROUND_2026)
    _, run_2025 = rank_round(store, "2025", BUDGET_2025)
    _, run_2026 = rank_round(store, "2026", 2_000_000.0)
    return {"2025": run_2025, "2026": run_2026, "school": CODE}
