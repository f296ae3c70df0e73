"""After the decision: what the funded projects delivered, against what they claimed.

Deciding a round (:func:`decide_round`) awards the shortlist of one of its ranking runs.
Each awarded project then moves awarded → under construction (在建) → accepted (验收), one
step at a time (:func:`record_outcome`), each with who and when, written to the audit log in
the same transaction; at acceptance the measured first-year saving or PV generation
[kWh/yr] is recorded. :func:`comparison` puts, per accepted project, the measured figure
beside the claim and, for PV, beside our own estimate for its size (the campus estimate of
:func:`energy.subsidy.verify.campus_pv_estimate`); :func:`city_summary` says by project type
how far claims ran above results (median claim ÷ result); :func:`bound_evidence` sets that
evidence beside the rubric's plausible bounds and says which way it points. Nothing here
changes a bound: the committee decides.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from core.store import record_audit, utc_now
from energy.subsidy.rounds import DECIDED, get_round
from energy.subsidy.rubric import Rubric
from energy.subsidy.schema import PV
from energy.subsidy.store import SubsidyStore, query

AWARDED, UNDER_CONSTRUCTION, ACCEPTED = "awarded", "under_construction", "accepted"
STEPS = (AWARDED, UNDER_CONSTRUCTION, ACCEPTED)
STEP_TEXT = {AWARDED: ("已获奖补", "Awarded"), UNDER_CONSTRUCTION: ("在建", "Under construction"),
             ACCEPTED: ("已验收", "Accepted")}
_BEFORE = {AWARDED: None, UNDER_CONSTRUCTION: AWARDED, ACCEPTED: UNDER_CONSTRUCTION}
MIN_EVIDENCE = 3       # accepted projects of a type before the evidence says anything
LOWER_MARGIN = 1.5     # a bound this many times above the best result is loose [-]
LOWER, KEEP, RAISE, TOO_FEW = "lower", "keep", "raise", "too_few"

MESSAGES = {
    "unknown_step": ("状态应为 awarded、under_construction 或 accepted：{step}",
                     "Status must be awarded, under_construction or accepted: {step}"),
    "no_application": ("轮次 {round_id} 中没有申请 {application_id}。",
                       "No application {application_id} in round {round_id}."),
    "out_of_order": ("申请 {application_id} 当前为「{now_zh}」，不能直接改为「{step_zh}」"
                     "（须先为「{before_zh}」）。",
                     "Application {application_id} is “{now_en}”: it cannot become "
                     "“{step_en}” (it must be “{before_en}” first)."),
    "need_measured": ("验收须填写实测首年节电量或发电量（kWh，正数）。",
                      "Acceptance needs the measured first-year saving or generation (kWh, "
                      "positive)."),
    "measured_only_at_acceptance": ("实测电量只在验收时填写。",
                                    "The measured figure is given at acceptance only."),
    "not_this_round": ("评审记录 {run_id} 不属于轮次 {round_id}。",
                       "Ranking run {run_id} is not of round {round_id}."),
    "decided": ("轮次 {round_id} 已决定。", "Round {round_id} is decided already."),
}
NONE_TEXT = ("无", "none")


class OutcomeRefused(ValueError):
    """A step refused, with its reason in Chinese and English."""

    def __init__(self, code: str, **fields):
        self.code = code
        self.message_zh, self.message_en = (m.format(**fields) for m in MESSAGES[code])
        super().__init__(f"{self.message_zh} / {self.message_en}")

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en


def _text(step: str | None, lang: int) -> str:
    return (STEP_TEXT[step] if step else NONE_TEXT)[lang]


def _check_step(cur, round_id: str, application_id: str, step: str, measured_kwh) -> None:
    if step not in STEPS:
        raise OutcomeRefused("unknown_step", step=step)
    row = cur.execute(query("outcome_state"), {"round_id": round_id,
                                               "application_id": application_id}).fetchone()
    now = None if row is None else row[0]
    if now != _BEFORE[step]:
        raise OutcomeRefused("out_of_order", application_id=application_id,
                             now_zh=_text(now, 0), now_en=_text(now, 1),
                             step_zh=_text(step, 0), step_en=_text(step, 1),
                             before_zh=_text(_BEFORE[step], 0),
                             before_en=_text(_BEFORE[step], 1))
    if step == ACCEPTED and not (measured_kwh is not None and math.isfinite(measured_kwh)
                                 and measured_kwh > 0):
        raise OutcomeRefused("need_measured")
    if step != ACCEPTED and measured_kwh is not None:
        raise OutcomeRefused("measured_only_at_acceptance")


def _insert_step(cur, round_id: str, application_id: str, step: str, actor: str,
                 measured_kwh: float | None, note: str | None, is_demo: bool) -> int:
    _check_step(cur, round_id, application_id, step, measured_kwh)
    new_id = cur.execute(query("insert_outcome"), {
        "round_id": round_id, "application_id": application_id, "status": step,
        "measured_kwh": measured_kwh, "note": (note or "").strip() or None, "actor": actor,
        "at": utc_now(), "is_demo": is_demo}).fetchone()[0]
    measured = {} if measured_kwh is None else {"measured_kwh": round(measured_kwh)}
    record_audit(cur, actor, f"project_{step}", application_id, round_id=round_id,
                 outcome_id=new_id, **measured)
    return new_id


def record_outcome(sub: SubsidyStore, application_id: str, step: str, actor: str,
                   measured_kwh: float | None = None, note: str | None = None,
                   round_id: str | None = None, is_demo: bool = False) -> int:
    """Record the next step of a project: ``awarded``, ``under_construction``, ``accepted``.

    Parameters
    ----------
    measured_kwh
        At acceptance only: the measured first-year saving (PV: generation). [kWh/yr]

    Raises
    ------
    OutcomeRefused
        Unknown step, no such application in the round, a step out of order (accepting a
        project not under construction, awarding one twice …), or a missing measured
        figure at acceptance.
    """
    target = sub.round_id if round_id is None else str(round_id)
    apps = sub.current_applications(target)
    if application_id not in set(apps["application_id"]):
        raise OutcomeRefused("no_application", round_id=target, application_id=application_id)
    measured = None if measured_kwh is None else float(measured_kwh)
    with sub.survey.transaction() as cur:
        return _insert_step(cur, target, application_id, step, actor, measured, note, is_demo)


def record_outcomes(sub: SubsidyStore, steps: list[dict], actor: str,
                    round_id: str | None = None, is_demo: bool = False) -> list[int]:
    """Record several steps in one transaction (all or none), in the order given: dicts of
    ``application_id``, ``step`` and (at acceptance) ``measured_kwh``, optional ``note``.
    Refused as :func:`record_outcome`."""
    target = sub.round_id if round_id is None else str(round_id)
    known = set(sub.current_applications(target)["application_id"])
    with sub.survey.transaction() as cur:
        ids = []
        for step in steps:
            if step["application_id"] not in known:
                raise OutcomeRefused("no_application", round_id=target,
                                     application_id=step["application_id"])
            measured = step.get("measured_kwh")
            ids.append(_insert_step(cur, target, step["application_id"], step["step"], actor,
                                    None if measured is None else float(measured),
                                    step.get("note"), is_demo))
    return ids


def decide_round(sub: SubsidyStore, run_id: int, actor: str, round_id: str | None = None,
                 is_demo: bool = False) -> list[str]:
    """Award the shortlist of one ranking run of the round and mark the round decided; a
    round without a budget of its own keeps the run's.

    Returns
    -------
    list of str
        The application ids awarded.

    Raises
    ------
    OutcomeRefused
        The run is not of this round, or the round is decided already.
    """
    target = sub.round_id if round_id is None else str(round_id)
    if get_round(sub, target).status == DECIDED:
        raise OutcomeRefused("decided", round_id=target)
    run = sub.run(run_id)
    if run.get("round_id") != target:
        raise OutcomeRefused("not_this_round", run_id=run_id, round_id=target)
    results = sub.run_results(run_id)
    awarded = sorted(results.loc[results["shortlisted"].astype(bool), "application_id"])
    budget = get_round(sub, target).budget_cny
    with sub.survey.transaction() as cur:
        for app_id in awarded:
            _insert_step(cur, target, app_id, AWARDED, actor, None, None, is_demo)
        if budget is None:   # decided on the default rule's budget: it is the round's now
            cur.execute(query("set_round_budget"), {"round_id": target,
                                                    "budget_cny": float(run["budget_cny"])})
        cur.execute(query("decide_round"), {"round_id": target, "run_id": int(run_id),
                                            "at": utc_now()})
        record_audit(cur, actor, "round_decided", target, round_id=target, run_id=int(run_id),
                     n_awarded=len(awarded))
    return awarded


def outcome_steps(sub: SubsidyStore, round_id: str | None = None,
                  every_round: bool = False) -> pd.DataFrame:
    """Every recorded step, oldest first per project, with the project's school, name
    and type (:data:`energy.subsidy.round_outputs.TRAIL`)."""
    steps = sub.survey.frame(query("outcomes"), {
        "round_id": None if every_round else (sub.round_id if round_id is None else round_id)},
        fresh=True)
    apps = _applications(sub, steps["round_id"].unique())
    return steps.merge(apps[["round_id", "application_id", "school_name", "project_name",
                             "project_type"]], on=["round_id", "application_id"], how="left")


def _applications(sub: SubsidyStore, round_ids) -> pd.DataFrame:
    frames = [sub.current_applications(r).assign(round_id=r) for r in round_ids]
    columns = ["round_id", "application_id", "school_name", "project_name", "project_type"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def latest_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """Each project's latest step (``status``, ``measured_kwh``) from :func:`outcome_steps`."""
    if steps.empty:
        return steps
    return steps.sort_values("outcome_id").groupby(["round_id", "application_id"],
                                                   as_index=False).last()


_NEXT = {AWARDED: UNDER_CONSTRUCTION, UNDER_CONSTRUCTION: ACCEPTED}


def next_steps(sub: SubsidyStore, round_id: str | None = None) -> pd.DataFrame:
    """The round's projects still to move on: ``application_id, project_name, status`` and
    their ``next_step`` (under construction, then accepted)."""
    latest = latest_steps(outcome_steps(sub, round_id))
    columns = ["application_id", "project_name", "status", "next_step"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    pending = latest[latest["status"].isin(list(_NEXT))]
    return pending.assign(next_step=pending["status"].map(_NEXT))[columns].reset_index(
        drop=True)


# --- measured against claimed ----------------------------------------------------------------

def _pv_specific(pv: pd.DataFrame) -> pd.Series:
    """Our typical-year yield per kWp by school [kWh/kWp/yr] (NaN where none)."""
    by_school = pv.drop_duplicates("school_code").set_index("school_code")
    with np.errstate(divide="ignore", invalid="ignore"):
        return by_school["annual_yield_kwh"] / by_school["capacity_kwp"].where(
            by_school["capacity_kwp"] > 0)


def comparison(sub: SubsidyStore, round_id: str | None = None, every_round: bool = True,
               pv: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per accepted project: claim, our estimate and the measured first year [kWh/yr].

    Parameters
    ----------
    round_id, every_round
        One round's projects, or (default) every round's.
    pv
        Our campus PV estimate (:func:`energy.subsidy.verify.campus_pv_estimate`);
        computed from the survey when omitted.

    Returns
    -------
    DataFrame
        ``round_id, application_id, school_name, district, project_type, claimed_kwh,
        estimate_kwh`` (PV: our yield for the claimed capacity; NaN otherwise),
        ``measured_kwh, claim_to_result`` (claim ÷ measured), ``result_to_estimate``,
        ``measured_share_of_use`` (measured ÷ the school's annual use, surveyed else as
        stated in the application).
    """
    target = None if every_round and round_id is None else (
        sub.round_id if round_id is None else round_id)
    rows = sub.survey.frame(query("accepted_applications"), {"round_id": target}, fresh=True)
    if rows.empty:
        return _empty_comparison()
    if pv is None:
        from energy.subsidy.verify import campus_pv_estimate
        pv = campus_pv_estimate(sub.survey)
    is_pv = rows["project_type"] == PV
    claimed = np.where(is_pv, rows["claimed_annual_pv_kwh"], rows["claimed_annual_saving_kwh"])
    specific = rows["school_code"].map(_pv_specific(pv)) if len(pv) else np.nan
    estimate = np.where(is_pv, rows["claimed_pv_capacity_kwp"] * specific, np.nan)
    schools = sub.survey.current_schools()
    surveyed = rows["school_code"].map(dict(zip(schools["school_code"],
                                                schools["annual_electricity_kwh"])))
    use = surveyed.fillna(rows["annual_electricity_kwh"]).astype(float)
    measured = rows["measured_kwh"].astype(float)
    out = rows[["round_id", "application_id", "school_name", "district", "project_type"]].assign(
        claimed_kwh=claimed.astype(float), estimate_kwh=estimate.astype(float),
        measured_kwh=measured)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["claim_to_result"] = out["claimed_kwh"] / measured
        out["result_to_estimate"] = measured / out["estimate_kwh"]
        out["measured_share_of_use"] = measured / use.where(use > 0)
    return out.reset_index(drop=True)


def _empty_comparison() -> pd.DataFrame:
    columns = ["round_id", "application_id", "school_name", "district", "project_type",
               "claimed_kwh", "estimate_kwh", "measured_kwh", "claim_to_result",
               "result_to_estimate", "measured_share_of_use"]
    return pd.DataFrame({c: pd.Series(dtype="float64" if c.endswith(("kwh", "result",
                                                                      "estimate", "use"))
                                      else "object") for c in columns})


def city_summary(compared: pd.DataFrame) -> pd.DataFrame:
    """By project type: ``n_accepted``, ``median_claim_to_result`` (how many times the
    claims ran above the results), ``median_result_to_estimate`` (PV), the
    ``max_share_of_use`` measured, and the totals claimed and measured [kWh/yr]."""
    columns = ["project_type", "n_accepted", "median_claim_to_result",
               "median_result_to_estimate", "max_share_of_use", "claimed_kwh", "measured_kwh"]
    if compared.empty:
        return pd.DataFrame(columns=columns)
    grouped = compared.groupby("project_type", as_index=False).agg(
        n_accepted=("application_id", "size"),
        median_claim_to_result=("claim_to_result", "median"),
        median_result_to_estimate=("result_to_estimate", "median"),
        max_share_of_use=("measured_share_of_use", "max"),
        claimed_kwh=("claimed_kwh", "sum"), measured_kwh=("measured_kwh", "sum"))
    return grouped.sort_values("project_type").reset_index(drop=True)[columns]


def _evidence_share(compared: pd.DataFrame, basis: str) -> pd.Series:
    """What the results say a bound should be: the largest measured share of use, or
    (PV) the largest measured ÷ estimate."""
    return compared["measured_share_of_use" if basis == "use" else "result_to_estimate"]


def bound_evidence(compared: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """The rubric's bound of each type beside what the accepted projects delivered.

    A type with fewer than :data:`MIN_EVIDENCE` accepted projects says nothing
    (``too_few``). Otherwise, with ``best`` the largest measured share (of the school's use,
    or for PV of our estimate): ``raise`` when ``best`` is above the bound (a real result
    beyond what the bound calls credible), ``lower`` when the bound is more than
    :data:`LOWER_MARGIN` times ``best``, else ``keep``. The suggested share is ``best`` (to
    raise) or ``best`` × :data:`LOWER_MARGIN` (to lower), rounded up to a hundredth. Shown
    to the committee; never applied.
    """
    rows = []
    for bound in rubric.bounds:
        mine = compared[compared["project_type"] == bound.project_type]
        shares = _evidence_share(mine, bound.basis).dropna()
        best = float(shares.max()) if len(shares) else math.nan
        suggestion, suggested = _suggest(bound.max_share, best, len(shares))
        rows.append({"project_type": bound.project_type, "basis": bound.basis,
                     "max_share": bound.max_share, "n_accepted": int(len(shares)),
                     "median_claim_to_result": float(mine["claim_to_result"].median())
                     if len(mine) else math.nan,
                     "best_result_share": best, "suggestion": suggestion,
                     "suggested_share": suggested})
    return pd.DataFrame(rows, columns=["project_type", "basis", "max_share", "n_accepted",
                                       "median_claim_to_result", "best_result_share",
                                       "suggestion", "suggested_share"])


def _suggest(bound: float, best: float, n: int) -> tuple[str, float]:
    if n < MIN_EVIDENCE or not math.isfinite(best):
        return TOO_FEW, math.nan
    if best > bound:
        return RAISE, math.ceil(best * 100) / 100
    if bound > best * LOWER_MARGIN:
        return LOWER, math.ceil(best * LOWER_MARGIN * 100) / 100
    return KEEP, bound


SUGGESTION_TEXT = {LOWER: ("证据表明上限偏宽，可收紧", "Evidence suggests a tighter bound"),
                   KEEP: ("证据与上限相符", "Evidence agrees with the bound"),
                   RAISE: ("有实测结果超过上限，可放宽", "A measured result exceeds the bound: "
                           "consider raising it"),
                   TOO_FEW: ("已验收项目太少，暂无结论", "Too few accepted projects to say")}
