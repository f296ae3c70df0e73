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
    A claimed saving above ``saving_plausibility_share ×`` (default 100 %) the school's
    annual electricity use cannot be right: no project saves more electricity than the
    school uses. It is flagged and capped at that bound when ``use_verified`` is true.
    The annual use is the survey's figure (our number) when the school has one, else the
    application's; a difference above ``use_mismatch_tolerance`` is flagged.

Flags never exclude an application by themselves; gates do that.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from energy.subsidy.messages import text
from energy.subsidy.schema import PV

FLAG_COLUMNS = ["application_id", "code", "claimed", "estimated", "unit", "message_zh",
                "message_en"]
PV_ESTIMATE_COLUMNS = ["school_code", "capacity_kwp", "annual_yield_kwh"]


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


def _verify_pv(app: dict, roof_kwp: float, est_kwh: float, params, flags) -> float:
    claimed_kwp, claimed_kwh = app["claimed_pv_capacity_kwp"], app["claimed_annual_pv_kwh"]
    app_id = app["application_id"]
    if np.isnan(roof_kwp):
        _flag(flags, app_id, "flag_pv_no_estimate", claimed_kwp, None, "kWp")
        return claimed_kwh
    if claimed_kwp > params.pv_capacity_tolerance * roof_kwp:
        _flag(flags, app_id, "flag_pv_capacity_above_roof", claimed_kwp, roof_kwp, "kWp")
    if claimed_kwh > params.pv_yield_tolerance * est_kwh:
        _flag(flags, app_id, "flag_pv_yield_above_estimate", claimed_kwh, est_kwh, "kWh",
              tolerance=params.pv_yield_tolerance)
    return min(claimed_kwh, est_kwh) if params.use_verified else claimed_kwh


def _verify_saving(app: dict, use_kwh: float, params, flags) -> tuple[float, float]:
    claimed = app["claimed_annual_saving_kwh"]
    bound = params.saving_plausibility_share * use_kwh if use_kwh > 0 else np.nan
    if not bound > 0:
        _flag(flags, app["application_id"], "flag_saving_no_bound", claimed, None, "kWh")
        return claimed, bound
    if claimed > bound:
        _flag(flags, app["application_id"], "flag_saving_above_bound", claimed, bound, "kWh",
              share=params.saving_plausibility_share)
        return (bound if params.use_verified else claimed), bound
    return claimed, bound


def verify_claims(apps: pd.DataFrame, context: pd.DataFrame, pv: pd.DataFrame,
                  params) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check every application's claim against our numbers.

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

    Returns
    -------
    verified : DataFrame
        Same index as ``apps``: ``claimed_annual_kwh`` (yield for PV, saving otherwise),
        ``verified_annual_kwh`` [kWh/year], ``pv_roof_capacity_kwp`` [kWp],
        ``pv_yield_estimate_kwh`` [kWh/year] (for min(claim, roof) kWp),
        ``saving_bound_kwh`` [kWh/year], ``school_annual_use_kwh`` [kWh/year].
    flags : DataFrame
        One row per flag: ``application_id, code, claimed, estimated, unit, message_zh,
        message_en``.
    """
    flags: list[dict] = []
    use = _school_use(apps, context)
    roof_kwp, est_kwh = _pv_estimates(apps, pv)
    claimed, verified, bound = [], [], np.full(len(apps), np.nan)
    for i, app in enumerate(apps.to_dict("records")):
        if app["project_type"] == PV:
            claimed.append(app["claimed_annual_pv_kwh"])
            verified.append(_verify_pv(app, roof_kwp[i], est_kwh[i], params, flags))
        else:
            claimed.append(app["claimed_annual_saving_kwh"])
            value, bound[i] = _verify_saving(app, use[i], params, flags)
            verified.append(value)
    _use_mismatch(apps, context, params, flags)
    is_pv = (apps["project_type"] == PV).to_numpy()
    out = pd.DataFrame({
        "claimed_annual_kwh": np.asarray(claimed, float),
        "verified_annual_kwh": np.asarray(verified, float),
        "pv_roof_capacity_kwp": np.where(is_pv, roof_kwp, np.nan),
        "pv_yield_estimate_kwh": np.where(is_pv, est_kwh, np.nan),
        "saving_bound_kwh": bound, "school_annual_use_kwh": use}, index=apps.index)
    return out, pd.DataFrame(flags, columns=FLAG_COLUMNS)
