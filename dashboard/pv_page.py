"""光伏潜力 PV potential: one campus, its buildings and months; the assumptions panel."""

from __future__ import annotations

import dataclasses
import time

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.access import audit
from dashboard import state
from dashboard.auth import committee_user, require_committee
from dashboard.i18n import t
from dashboard.widgets import table, uploader
from energy.pv import PVAssumptions, describe_assumptions
from energy.pv.explore import campus_monthly, campus_table
from energy.pv.outputs import ASSUMPTIONS, CAMPUS_BUILDINGS, COLUMNS
from energy.pv.report import campus_report_xlsx
from energy.pv.weather import WeatherFileError
from sheets.outputs import AXIS_NUMBER_FORMAT

# Parameters the committee adjusts most; all others show in the table below the form.
EDITABLE = ("usable_share_flat_concrete", "usable_share_steel_sheet", "usable_share_pitched",
            "usable_share_other", "module_power_density_w_m2", "flat_roof_tilt_deg",
            "losses_pct", "dc_ac_ratio", "inverter_efficiency_pct", "grid_factor_t_per_mwh",
            "tariff_cny_per_kwh", "feed_in_cny_per_kwh", "capex_cny_per_w")


def _reset_assumptions() -> None:
    state.set_assumptions(PVAssumptions())
    for name in EDITABLE:
        st.session_state[f"a_{name}"] = float(getattr(PVAssumptions(), name))


def _assumption_form(lang: str) -> None:
    current = state.assumptions()
    described = describe_assumptions(current).set_index("name")
    for name in EDITABLE:
        st.session_state.setdefault(f"a_{name}", float(described.loc[name, "value"]))
    with st.form("assumptions"):
        cols = st.columns(3)
        values = {}
        for i, name in enumerate(EDITABLE):
            row = described.loc[name]
            label = row["label_zh"] if lang == "zh" else row["label_en"]
            unit = f" ({row['unit']})" if row["unit"] else ""
            values[name] = cols[i % 3].number_input(label + unit, help=row["source"],
                                                    key=f"a_{name}", format="%.4g")
        submitted = st.form_submit_button(t("recalculate", lang), type="primary")
    st.button(t("reset", lang), on_click=_reset_assumptions)
    if submitted:
        state.set_assumptions(dataclasses.replace(current, **values))
        _recalculate(lang)


def _recalculate(lang: str) -> None:
    with st.status(t("calculating", lang), expanded=True) as status:
        bar = st.progress(0.1, text=t("calc_steps", lang))
        start = time.perf_counter()
        results = state.pv_results()
        bar.progress(1.0)
        status.update(label=t("calc_done", lang, n=len(results), s=time.perf_counter() - start),
                      state="complete")


def _weather_panel(lang: str) -> None:
    choice = st.radio(t("weather_source", lang),
                      [t("weather_builtin", lang), t("weather_upload", lang)],
                      index=0 if state.weather_key() == state.BUILTIN else 1, horizontal=True)
    if choice == t("weather_builtin", lang):
        if state.weather_key() != state.BUILTIN:
            state.use_builtin_weather()
            _recalculate(lang)
        return
    uploaded = uploader(t("weather_upload", lang), ["epw", "csv", "json"], "weather_file", lang)
    if uploaded is not None:
        try:
            state.use_uploaded_weather(uploaded.getvalue(), uploaded.name)
        except WeatherFileError as bad:
            message = bad.message_zh if lang == "zh" else bad.message_en
            st.error(t("weather_bad", lang, message=message))
            return
        _recalculate(lang)


def _reasons(reason: pd.Series, notes: pd.Series, lang: str) -> pd.Series:
    """The exclusion that decides the result first, then the adjustments, one after the
    other with the language's separator (never run together)."""
    separator = "；" if lang == "zh" else "; "
    both = (reason != "") & (notes != "")
    return reason.where(~both, reason + separator + notes).where(reason != "", notes)


def _buildings(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The campus's buildings with the yield in MWh and their reasons in ``lang``."""
    reason = rows["exclusion_reason_zh" if lang == "zh" else "exclusion_reason_en"]
    notes = rows["notes_zh" if lang == "zh" else "notes_en"]
    reason = reason.astype(object).fillna("").astype(str)
    notes = notes.astype(object).fillna("").astype(str)
    return rows.assign(annual_yield_mwh=rows["annual_yield_kwh"] / 1e3,
                       reasons=_reasons(reason, notes, lang))


def _assumptions(lang: str) -> pd.DataFrame:
    """Every parameter in use, labelled in ``lang`` only."""
    described = describe_assumptions(state.assumptions())
    other = "label_en" if lang == "zh" else "label_zh"
    return described.drop(columns=other).astype({"value": str, "default": str})


def monthly_chart(monthly: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure([
        go.Bar(x=monthly["month"], y=monthly["yield_kwh"], name=t("series_yield", lang),
               marker_color="#f28e2b"),
        go.Scatter(x=monthly["month"], y=monthly["yield_low_kwh"], name=t("series_low", lang),
                   mode="lines+markers", line={"dash": "dot", "color": "#8c564b"}),
    ])
    if monthly["demand_kwh"].notna().any():
        fig.add_trace(go.Scatter(x=monthly["month"], y=monthly["demand_kwh"],
                                 name=t("series_demand", lang), mode="lines+markers",
                                 line={"color": "#4e79a7", "width": 3}))
    fig.update_layout(height=400, xaxis={"title": t("month", lang), "dtick": 1},
                      yaxis_title=t("kwh", lang), yaxis_tickformat=AXIS_NUMBER_FORMAT,
                      legend={"orientation": "h", "y": 1.12},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


def render() -> None:
    lang = state.language()
    require_committee()
    st.title(t("pv_title", lang))
    if state.store().current_schools().empty:
        st.info(t("empty", lang))
        return
    with st.expander(t("assumptions_title", lang), expanded=False):
        _weather_panel(lang)
        _assumption_form(lang)
        table(_assumptions(lang), ASSUMPTIONS, lang)
    results = state.pv_results()
    campuses = campus_table(results).sort_values("school_code", ignore_index=True)
    names = dict(zip(campuses["school_code"], campuses["school_name"]))
    code = st.selectbox(t("pick_campus", lang), list(names),
                        format_func=lambda c: f"{names[c]} ({c})")
    campus = campuses[campuses["school_code"] == code].iloc[0]
    rows = results[results["school_code"] == code]
    cols = st.columns(4)
    cols[0].metric(COLUMNS["capacity_kwp"].header(lang), f"{campus['capacity_kwp']:,.0f}")
    cols[1].metric(COLUMNS["annual_yield_mwh"].header(lang),
                   f"{campus['annual_yield_low_kwh'] / 1e3:,.0f}–"
                   f"{campus['annual_yield_kwh'] / 1e3:,.0f}")
    cols[2].metric(COLUMNS["demand_covered_share"].header(lang),
                   COLUMNS["demand_covered_share"].text(campus["demand_covered_share"], lang))
    cols[3].metric(COLUMNS["payback_years"].header(lang),
                   COLUMNS["payback_years"].text(campus["payback_years"], lang))
    frame, source = state.weather()
    st.caption(t("weather_caption", lang, label=source.label(lang)))
    st.subheader(t("pv_buildings", lang))
    table(_buildings(rows, lang), CAMPUS_BUILDINGS, lang)
    monthly = campus_monthly(results, code, frame.index)
    st.subheader(t("monthly_title", lang))
    if monthly["demand_kwh"].isna().all():
        st.caption(t("no_demand", lang))
    st.plotly_chart(monthly_chart(monthly, lang), config={"displaylogo": False})
    report = campus_report_xlsx(campus, rows, monthly, state.assumptions(), source.label())
    st.download_button(t("download_report", lang), report, file_name=f"光伏潜力_{code}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click=audit, args=(state.store(), committee_user() or "?", "export",
                                             f"光伏潜力_{code}.xlsx"))
