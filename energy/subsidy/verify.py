"""Claims checked against our own numbers: the survey's roofs and the school's own use.

PV projects
    The claimed new capacity is compared with the campus's remaining roof capacity
    estimated from the survey (:func:`campus_pv_estimate`, :mod:`energy.pv`: usable roof,
    row layout, existing PV subtracted). The claimed yield is compared with our estimate
    *for the project's size*: ``min(claimed kWp, roof kWp) × our specific yield
    [kWh/kWp]``. A capacity above ``pv_capacity_tolerance ×`` the roof's, or a yield above
    ``pv_yield_tolerance ×`` (default 120 %) our estimate, is flagged with both numbers.
    The verified yield is ``min(claim, estimate)`` when the rubric's ``use_verified`` is
    true, else the claim.
Other projects
    Each project type has a plausible bound in the rubric (:class:`~energy.subsidy.rubric.
    Bound`): the largest credible annual saving as a share of the school's annual
    electricity use, e.g. a lighting retrofit saves a share of the lighting load only. A
    type without one uses ``saving_plausibility_share`` (100 %: no project saves more than
    the school uses). The annual use is the survey's figure (our number) when the school
    has one, else the application's; a difference above ``use_mismatch_tolerance`` is
    flagged.

Holds (待核实 needs clarification)
    A saving above its bound is scored at the bound (when ``use_verified``) *and* held; so
    is a PV yield above its bound (the PV bound's multiple of our estimate, default
    ``pv_yield_tolerance``) or a PV capacity above ``pv_capacity_tolerance ×`` the roof's.
    A held application is not shortlisted until a committee member confirms the figure
    (it is then scored at the claim) or corrects it (scored at the correction); each held
    application says what to ask the school. A decision only counts for the claim it was
    made on: a new sheet with another figure is held again.

Flags never exclude an application by themselves; gates do that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from energy.subsidy.messages import text
from energy.subsidy.schema import PROJECT_TYPES, PV

FLAG_COLUMNS = ["application_id", "code", "claimed", "estimated", "unit", "message_zh",
                "message_en"]
PV_ESTIMATE_COLUMNS = ["school_code", "capacity_kwp", "annual_yield_kwh"]
CLARIFICATION_COLUMNS = ["application_id", "action", "claimed_kwh", "figure_kwh", "reason",
                         "actor", "decided_at"]
CONFIRMED, CORRECTED = "confirmed", "corrected"
TYPE_NAMES_EN = {c.value: c.label_en for c in PROJECT_TYPES}


def campus_pv_estimate(source) -> pd.DataFrame:
    """Our rooftop PV estimate per campus, from the survey store's current buildings.

    Parameters
    ----------
    source
        A :class:`surveys.store.SurveyStore`, or a DataFrame of its ``current_buildings``.

    Returns
    -------
    DataFrame
        ``school_code``, ``capacity_kwp`` (new capacity the usable roofs can still take
        [kWp]), ``annual_yield_kwh`` (its typical-year AC yield [kWh/year]).
    """
    from energy.pv import aggregate, estimate_buildings

    buildings = source if isinstance(source, pd.DataFrame) else source.current_buildings()
    if buildings.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in PV_ESTIMATE_COLUMNS}
                            ).astype({"school_code": "string"})
    campus = aggregate(estimate_buildings(buildings), by=("school_code",))
    return campus[PV_ESTIMATE_COLUMNS].reset_index(drop=True)


def _flag(flags: list, app_id: str, code: str, claimed, estimated, unit: str, **fields) -> None:
    zh, en = text(code, claimed=claimed, estimated=estimated, **fields)
    flags.append({"application_id": app_id, "code": code, "claimed": claimed,
                  "estimated": estimated, "unit": unit, "message_zh": zh, "message_en": en})


def _school_use(apps: pd.DataFrame, context: pd.DataFrame) -> np.ndarray:
    survey_use = apps["school_code"].map(context["annual_electricity_kwh"]).astype("float64")
    return np.where(survey_use > 0, survey_use, apps["annual_electricity_kwh"].astype(float))


def _use_mismatch(apps, context, params, flags) -> None:
    survey_use = apps["school_code"].map(context["annual_electricity_kwh"]).astype("float64")
    stated = apps["annual_electricity_kwh"].astype("float64")
    off = (survey_use > 0) & (stated > 0) & (
        (stated - survey_use).abs() > params.use_mismatch_tolerance * survey_use)
    for i in np.flatnonzero(off.to_numpy()):
        _flag(flags, apps["application_id"].iloc[i], "flag_use_mismatch",
              float(stated.iloc[i]), float(survey_use.iloc[i]), "kWh",
              tolerance=params.use_mismatch_tolerance)


def _pv_estimates(apps: pd.DataFrame, pv: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Roof capacity [kWp] and our yield for the project's size [kWh] (NaN: no estimate)."""
    by_school = pv.drop_duplicates("school_code").set_index("school_code")
    roof_kwp = apps["school_code"].map(by_school["capacity_kwp"]).to_numpy(float)
    roof_kwh = apps["school_code"].map(by_school["annual_yield_kwh"]).to_numpy(float)
    claimed_kwp = apps["claimed_pv_capacity_kwp"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        specific = np.where(roof_kwp > 0, roof_kwh / roof_kwp,
                            np.where(roof_kwp == 0, 0.0, np.nan))
    return roof_kwp, np.minimum(claimed_kwp, roof_kwp) * specific


@dataclass
class _Check:
    """What verification found for one application: the verified figure and any hold."""

    verified: float
    bound: float = np.nan
    held: list = field(default_factory=list)     # (code, zh, en) of each hold reason
    ask: tuple[str, str] | None = None
    clarified: str = ""


def _hold(check: _Check, flags: list, code: str, ask: tuple[str, str]) -> None:
    """The last flag raised becomes a hold reason; ``ask`` says what to ask the school."""
    last = flags[-1]
    check.held.append((code, last["message_zh"], last["message_en"]))
    check.ask = check.ask or ask


def _verify_pv(app: dict, roof_kwp: float, est_kwh: float, params, bound, flags) -> _Check:
    claimed_kwp, claimed_kwh = app["claimed_pv_capacity_kwp"], app["claimed_annual_pv_kwh"]
    app_id = app["application_id"]
    if np.isnan(roof_kwp):
        _flag(flags, app_id, "flag_pv_no_estimate", claimed_kwp, None, "kWp")
        return _Check(claimed_kwh)
    share = bound.max_share if bound is not None else params.pv_yield_tolerance
    check = _Check(min(claimed_kwh, est_kwh) if params.use_verified else claimed_kwh,
                   share * est_kwh)
    if claimed_kwp > params.pv_capacity_tolerance * roof_kwp:
        _flag(flags, app_id, "flag_pv_capacity_above_roof", claimed_kwp, roof_kwp, "kWp")
        _hold(check, flags, "flag_pv_capacity_above_roof", text("ask_pv_capacity"))
    if claimed_kwh > share * est_kwh:
        _flag(flags, app_id, "flag_pv_yield_above_estimate", claimed_kwh, est_kwh, "kWh",
              tolerance=share)
        _hold(check, flags, "flag_pv_yield_above_estimate", _ask(bound, "ask_pv_yield"))
    return check


def _ask(bound, fallback: str) -> tuple[str, str]:
    return (bound.ask_zh, bound.ask_en) if bound is not None else text(fallback)


def _verify_saving(app: dict, use_kwh: float, params, bound, flags) -> _Check:
    claimed = app["claimed_annual_saving_kwh"]
    share = bound.max_share if bound is not None else params.saving_plausibility_share
    limit = share * use_kwh if use_kwh > 0 else np.nan
    if not limit > 0:
        _flag(flags, app["application_id"], "flag_saving_no_bound", claimed, None, "kWh")
        return _Check(claimed, limit)
    check = _Check(claimed, limit)
    if claimed > limit:
        _flag(flags, app["application_id"], "flag_saving_above_bound", claimed, limit, "kWh",
              share=share, use=use_kwh, kind=app["project_type"],
              kind_en=TYPE_NAMES_EN.get(app["project_type"], app["project_type"]))
        _hold(check, flags, "flag_saving_above_bound", _ask(bound, "ask_saving"))
        check.verified = limit if params.use_verified else claimed
    return check


def _clarify(check: _Check, app_id: str, claimed: float, decision: dict | None,
             flags: list) -> _Check:
    """A committee member's confirmation or correction of this very claim lifts the hold."""
    if decision is None or not check.held or not abs(decision["claimed_kwh"] - claimed) <= 0.5:
        return check
    code = "flag_claim_confirmed" if decision["action"] == CONFIRMED else "flag_claim_corrected"
    _flag(flags, app_id, code, claimed, decision["figure_kwh"], "kWh",
          actor=decision["actor"], reason=decision["reason"],
          date=f"{pd.Timestamp(decision['decided_at']):%Y-%m-%d}")
    return _Check(float(decision["figure_kwh"]), check.bound, [], None,
                  f"{flags[-1]['message_zh']} / {flags[-1]['message_en']}")


def _decisions(clarifications: pd.DataFrame | None) -> dict[str, dict]:
    """The latest confirmation or correction per application."""
    if clarifications is None or clarifications.empty:
        return {}
    latest = clarifications.sort_values("decided_at").drop_duplicates("application_id",
                                                                       keep="last")
    return {r["application_id"]: r for r in latest.to_dict("records")}


def verify_claims(apps: pd.DataFrame, context: pd.DataFrame, pv: pd.DataFrame,
                  params, bounds=(), clarifications: pd.DataFrame | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check every application's claim against our numbers and its type's bound.

    Parameters
    ----------
    apps
        Applications (canonical columns of :data:`energy.subsidy.schema.APPLICATION`).
    context
        Per-school survey facts indexed by ``school_code`` (from
        :func:`energy.subsidy.metrics.school_context`), with ``annual_electricity_kwh``.
    pv
        Our campus PV estimate (:func:`campus_pv_estimate`).
    params
        The rubric's :class:`energy.subsidy.rubric.Parameters`.
    bounds
        The rubric's :class:`energy.subsidy.rubric.Bound` per project type; a type
        without one uses ``saving_plausibility_share`` (PV: ``pv_yield_tolerance``).
    clarifications
        Committee decisions on held claims (:data:`CLARIFICATION_COLUMNS`, from
        :meth:`energy.subsidy.store.SubsidyStore.clarifications`): the latest per
        application lifts its hold when it concerns the claim as it stands.

    Returns
    -------
    verified : DataFrame
        Same index as ``apps``: ``claimed_annual_kwh`` (yield for PV, saving otherwise),
        ``verified_annual_kwh`` [kWh/year], ``pv_roof_capacity_kwp`` [kWp],
        ``pv_yield_estimate_kwh`` [kWh/year] (for min(claim, roof) kWp),
        ``saving_bound_kwh`` [kWh/year] (the claim's bound, PV too),
        ``school_annual_use_kwh`` [kWh/year], ``held`` (待核实), ``hold_codes``,
        ``hold_reasons_zh``/``_en``, ``ask_zh``/``ask_en`` (what to ask the school),
        ``clarification`` (the decision that lifted a hold, else empty).
    flags : DataFrame
        One row per flag: ``application_id, code, claimed, estimated, unit, message_zh,
        message_en``.
    """
    flags: list[dict] = []
    use = _school_use(apps, context)
    roof_kwp, est_kwh = _pv_estimates(apps, pv)
    by_type = {b.project_type: b for b in bounds}
    decisions = _decisions(clarifications)
    claimed, checks = [], []
    for i, app in enumerate(apps.to_dict("records")):
        bound = by_type.get(app["project_type"])
        if app["project_type"] == PV:
            claimed.append(app["claimed_annual_pv_kwh"])
            check = _verify_pv(app, roof_kwp[i], est_kwh[i], params, bound, flags)
        else:
            claimed.append(app["claimed_annual_saving_kwh"])
            check = _verify_saving(app, use[i], params, bound, flags)
        checks.append(_clarify(check, app["application_id"], claimed[-1],
                               decisions.get(app["application_id"]), flags))
    _use_mismatch(apps, context, params, flags)
    return _verified_frame(apps, claimed, checks, roof_kwp, est_kwh, use), pd.DataFrame(
        flags, columns=FLAG_COLUMNS)


def _verified_frame(apps, claimed, checks, roof_kwp, est_kwh, use) -> pd.DataFrame:
    is_pv = (apps["project_type"] == PV).to_numpy()
    return pd.DataFrame({
        "claimed_annual_kwh": np.asarray(claimed, float),
        "verified_annual_kwh": np.asarray([c.verified for c in checks], float),
        "pv_roof_capacity_kwp": np.where(is_pv, roof_kwp, np.nan),
        "pv_yield_estimate_kwh": np.where(is_pv, est_kwh, np.nan),
        "saving_bound_kwh": np.asarray([c.bound for c in checks], float),
        "school_annual_use_kwh": use,
        "held": np.asarray([bool(c.held) for c in checks], bool),
        "hold_codes": [" ".join(h[0] for h in c.held) for c in checks],
        "hold_reasons_zh": ["；".join(h[1] for h in c.held) for c in checks],
        "hold_reasons_en": ["; ".join(h[2] for h in c.held) for c in checks],
        "ask_zh": [c.ask[0] if c.ask else "" for c in checks],
        "ask_en": [c.ask[1] if c.ask else "" for c in checks],
        "clarification": [c.clarified for c in checks]}, index=apps.index)
