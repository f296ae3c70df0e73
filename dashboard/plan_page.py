"""规划 Plan: which campuses get rooftop PV in which year (exact MILP, greedy beside it).

Logic lives in :mod:`energy.plan`; the PV figures come from the same estimate and
assumptions as the PV page (:func:`dashboard.state.assumptions`, :func:`dashboard.state.weather`).
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.state import assumptions, language, store, weather
from energy.plan import (
    PlanAssumptions,
    cumulative_capacity_figure,
    plan_from_store,
    sensitivity_table,
)
from energy.plan.tables import (
    DEFAULT_BUDGET_CNY_PER_YEAR,
    DEFAULT_YEARS,
    readable,
    readable_assumptions,
    readable_candidates,
    readable_sensitivity,
)


def _settings(lang: str) -> dict | None:
    pv, plan = assumptions(), PlanAssumptions()
    with st.form("plan_settings"):
        cols = st.columns(3)
        mode = cols[0].radio(t("plan_mode", lang), ["budget", "target"], horizontal=True,
                             format_func=lambda m: t(f"plan_mode_{m}", lang))
        budget = cols[1].number_input(t("plan_budget", lang), min_value=1.0,
                                      value=DEFAULT_BUDGET_CNY_PER_YEAR / 1e4,
                                      step=100.0)
        target = cols[2].number_input(t("plan_target", lang), min_value=0.1, value=30.0)
        cols = st.columns(3)
        years = cols[0].number_input(t("plan_years", lang), min_value=1, max_value=15,
                                value=DEFAULT_YEARS)
        capex = cols[1].number_input(t("plan_capex", lang), min_value=0.1,
                                     value=float(pv.capex_cny_per_w), step=0.1)
        tariff = cols[2].number_input(t("plan_tariff", lang), min_value=0.01,
                                      value=float(pv.tariff_cny_per_kwh), step=0.05)
        cols = st.columns(3)
        fair = cols[0].number_input(t("plan_repair_fair", lang), min_value=0.0,
                                    value=plan.repair_fair_cny_per_m2)
        poor = cols[1].number_input(t("plan_repair_poor", lang), min_value=0.0,
                                    value=plan.repair_poor_cny_per_m2)
        objective = cols[2].radio(t("plan_objective", lang), ["kwh", "co2"], horizontal=True,
                                  format_func=lambda o: t(f"plan_obj_{o}", lang))
        if not st.form_submit_button(t("plan_run", lang), type="primary"):
            return None
    return {"years": int(years), "objective": objective,
            "budget_cny_per_year": budget * 1e4 if mode == "budget" else None,
            "target_kwp": target * 1000 if mode == "target" else None,
            "pv": dataclasses.replace(pv, capex_cny_per_w=capex, tariff_cny_per_kwh=tariff),
            "plan": PlanAssumptions(repair_fair_cny_per_m2=fair, repair_poor_cny_per_m2=poor)}


def _compute(settings: dict, lang: str) -> None:
    frame, source = weather()
    try:
        result = plan_from_store(store().current_buildings(), settings["years"],
                                 settings["budget_cny_per_year"], settings["target_kwp"],
                                 settings["pv"], settings["plan"], settings["objective"],
                                 frame, source)
    except ValueError as infeasible:
        st.session_state.pop("plan_result", None)
        st.error(t("plan_infeasible", lang, error=infeasible))
        return
    st.session_state["plan_result"] = (result, settings)
    st.session_state.pop("plan_sensitivity", None)


def _show(result, settings: dict, lang: str) -> None:
    totals = result.totals()
    cols = st.columns(5)
    cols[0].metric(t("plan_m_campuses", lang), totals["n_campuses"])
    cols[1].metric(t("plan_m_mwp", lang), f"{totals['capacity_kwp'] / 1000:,.2f}")
    cols[2].metric(t("plan_m_invest", lang), f"{totals['investment_cny'] / 1e4:,.0f}")
    cols[3].metric(t("plan_m_gwh", lang), f"{totals['annual_kwh'] / 1e6:,.2f}")
    payback = totals["payback_years"]
    cols[4].metric(t("plan_m_payback", lang), "—" if payback is None else f"{payback:.1f}")
    st.subheader(t("plan_phased", lang))
    phased = result.phased()
    st.dataframe(readable(phased, lang), hide_index=True)
    st.subheader(t("plan_chart", lang))
    st.plotly_chart(cumulative_capacity_figure(phased, lang, result.phased("greedy")))
    st.subheader(t("plan_compare", lang))
    opt, greedy = result.optimal.objective, result.greedy.objective
    gap = result.optimal.mip_gap
    st.write(t("plan_compare_text", lang, status=result.optimal.status,
               gap="—" if gap is None else f"{gap:.2%}", opt=f"{opt:,.0f}",
               greedy=f"{greedy:,.0f}", ratio=f"{opt / greedy:.4f}" if greedy else "—"))
    with st.expander(t("plan_greedy_table", lang)):
        st.dataframe(readable(result.phased("greedy"), lang), hide_index=True)
    with st.expander(t("plan_candidates", lang)):
        st.dataframe(readable_candidates(result.schedule(), lang), hide_index=True)
    _sensitivity(result, settings, lang)
    st.subheader(t("plan_assumptions", lang))
    st.dataframe(readable_assumptions(result, lang), hide_index=True)


def _sensitivity(result, settings: dict, lang: str) -> None:
    st.subheader(t("plan_sensitivity", lang))
    if st.button(t("plan_sens_run", lang)):
        frame, source = weather()
        st.session_state["plan_sensitivity"] = sensitivity_table(
            store().current_buildings(), result, settings["pv"], frame, source)
    table = st.session_state.get("plan_sensitivity")
    if table is not None:
        st.dataframe(readable_sensitivity(table, lang), hide_index=True)


def render() -> None:
    lang = language()
    require_committee()
    st.title(t("plan_title", lang))
    st.caption(t("plan_intro", lang))
    if store().current_buildings().empty:
        st.info(t("empty", lang))
        return
    settings = _settings(lang)
    if settings is not None:
        _compute(settings, lang)
    kept = st.session_state.get("plan_result")
    if kept is not None:
        _show(*kept, lang)
