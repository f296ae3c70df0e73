"""A school's history across rounds: what it applied for, how it scored and ranked, what
was decided and what the project delivered."""

from __future__ import annotations

import numpy as np
import pandas as pd

from energy.subsidy.outcomes import latest_steps, outcome_steps
from energy.subsidy.rounds import DECIDED
from energy.subsidy.store import SubsidyStore, query

HISTORY_COLUMNS = ["round_id", "round_name", "application_id", "project_name", "project_type",
                   "subsidy_requested_cny", "score", "rank", "decision", "measured_kwh"]
# Decision of an application without any outcome step: from its round's deciding (else
# latest) run.
SHORTLISTED, NOT_SHORTLISTED, NOT_AWARDED, NOT_RANKED = (
    "shortlisted", "not_shortlisted", "not_awarded", "not_ranked")
DECISION_TEXT = {SHORTLISTED: ("入围（未决定）", "Shortlisted (not yet decided)"),
                 NOT_SHORTLISTED: ("未入围", "Not shortlisted"),
                 NOT_AWARDED: ("未获奖补", "Not awarded"),
                 NOT_RANKED: ("尚未排序", "Not ranked yet")}


def applicant_schools(sub: SubsidyStore) -> dict[str, str]:
    """Name (else code) by code of every school that applied in any round."""
    frame = sub.survey.frame(query("applicant_schools"), fresh=True)
    return {code: name if isinstance(name, str) and name else code
            for code, name in zip(frame["school_code"], frame["school_name"])}


def school_history(sub: SubsidyStore, school_code: str) -> pd.DataFrame:
    """Every application of a school in every round, oldest round first.

    Returns
    -------
    DataFrame
        :data:`HISTORY_COLUMNS`: the round, the application, its ``score`` [points] and
        ``rank`` in the run that decided the round (else its latest run), ``decision`` (the
        latest step after the decision: ``awarded``, ``under_construction``, ``accepted``; or
        ``shortlisted``, ``not_shortlisted``, ``not_awarded``, ``not_ranked``) and the
        ``measured_kwh`` at acceptance [kWh/yr].
    """
    apps = sub.survey.frame(query("school_applications"), {"school_code": school_code},
                            fresh=True)
    if apps.empty:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    results = sub.survey.frame(query("latest_run_results"), {"school_code": school_code},
                               fresh=True)
    merged = apps.merge(results[["round_id", "application_id", "score", "rank", "shortlisted"]],
                        on=["round_id", "application_id"], how="left")
    steps = latest_steps(outcome_steps(sub, every_round=True))
    if not steps.empty:
        merged = merged.merge(steps[["round_id", "application_id", "status", "measured_kwh"]],
                              on=["round_id", "application_id"], how="left")
    else:
        merged = merged.assign(status=None, measured_kwh=np.nan)
    merged["decision"] = [_decision(row) for row in merged.to_dict("records")]
    return merged[HISTORY_COLUMNS].reset_index(drop=True)


def _decision(row: dict) -> str:
    if isinstance(row.get("status"), str):
        return row["status"]
    if pd.isna(row.get("shortlisted")):
        return NOT_RANKED
    if row.get("round_status") == DECIDED:
        return NOT_AWARDED
    return SHORTLISTED if bool(row["shortlisted"]) else NOT_SHORTLISTED
