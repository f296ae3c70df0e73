"""总览 Overview: city totals, an offline map of campuses, districts, top campuses."""

from __future__ import annotations

import os

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.state import language, pv_results, store
from energy.pv.explore import campus_table, city_summary, district_table, filter_results
from geo.shanghai import DISTRICT_CENTRES
from surveys.schema import DISTRICTS, SCHOOL_TYPES

# plotly's *_map styles other than white-bg fetch tiles from the internet: the default works
# on an intranet; set CAMPUS_ENERGY_MAP_STYLE (e.g. "open-street-map") where tiles are reachable.
MAP_STYLE = os.environ.get("CAMPUS_ENERGY_MAP_STYLE", "white-bg")


def _label(choices, value: str, lang: str) -> str:
    choice = next((c for c in choices if c.value == value), None)
    return value if lang == "zh" or choice is None else choice.label_en


def _metrics(summary: dict, lang: str) -> None:
    cols = st.columns(6)
    expected = summary["campuses_expected"]
    cols[0].metric(t("m_campuses", lang), f"{summary['campuses']:,}",
                   t("m_campuses_of", lang, n=expected) if expected else None,
                   delta_color="off")
    cols[1].metric(t("m_buildings", lang), f"{summary['buildings']:,}")
    cols[2].metric(t("m_kwp", lang), f"{summary['capacity_kwp'] / 1e3:,.1f}")
    central, low = summary["annual_yield_mwh"] / 1e3, summary["annual_yield_low_mwh"] / 1e3
    cols[3].metric(t("m_mwh", lang), f"{low:,.0f}–{central:,.0f}", help=t("m_mwh_help", lang))
    cols[4].metric(t("m_co2", lang), f"{summary['co2_avoided_t'] / 1e4:,.1f}")
    share = summary["demand_covered_share"]
    cols[5].metric(t("m_cover", lang), "–" if pd.isna(share) else f"{share:.0%}")


def campus_map(campuses: pd.DataFrame, lang: str) -> go.Figure:
    """Campuses on a tile-free map, with district names for orientation."""
    frame = campuses.assign(
        mwh=campuses["annual_yield_kwh"] / 1e3,
        size=campuses["capacity_kwp"].clip(lower=1) ** 0.5)
    fig = px.scatter_map(
        frame, lat="latitude", lon="longitude", size="size", color="mwh",
        color_continuous_scale="YlOrRd", size_max=22, zoom=8.3,
        center={"lat": 31.2, "lon": 121.45}, map_style=MAP_STYLE,
        hover_name="school_name",
        hover_data={"capacity_kwp": ":,.0f", "mwh": ":,.0f", "size": False,
                    "latitude": False, "longitude": False},
        labels={"mwh": t("col_mwh", lang), "capacity_kwp": t("col_kwp", lang)})
    # Map text needs glyphs: CJK is drawn with local fonts, but Latin letters would be fetched
    # from a glyph server. So Chinese names are written on the map and English names are
    # given on hover of small markers, and nothing leaves the intranet.
    lats = [c[0] for c in DISTRICT_CENTRES.values()]
    lons = [c[1] for c in DISTRICT_CENTRES.values()]
    if lang == "zh":
        fig.add_trace(go.Scattermap(lat=lats, lon=lons, mode="text", text=list(DISTRICT_CENTRES),
                                    textfont={"size": 12, "color": "#555"}, hoverinfo="skip",
                                    showlegend=False))
    else:
        names = [_label(DISTRICTS, d, lang) for d in DISTRICT_CENTRES]
        fig.add_trace(go.Scattermap(lat=lats, lon=lons, mode="markers", hovertext=names,
                                    hoverinfo="text", marker={"size": 6, "color": "#888"},
                                    showlegend=False))
    fig.update_layout(height=560, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


def district_chart(districts: pd.DataFrame, lang: str) -> go.Figure:
    frame = districts.assign(
        name=[_label(DISTRICTS, d, lang) for d in districts["district"]],
        central=districts["annual_yield_kwh"] / 1e3,
        low=districts["annual_yield_low_kwh"] / 1e3)
    fig = go.Figure([
        go.Bar(x=frame["name"], y=frame["central"], name=t("series_yield", lang),
               marker_color="#f28e2b"),
        go.Bar(x=frame["name"], y=frame["low"], name=t("series_low", lang),
               marker_color="#bab0ac"),
    ])
    fig.update_layout(barmode="group", height=380, yaxis_title=t("col_mwh", lang),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": 1.1})
    return fig


def _top_table(campuses: pd.DataFrame, lang: str) -> pd.DataFrame:
    top = campuses.head(20)
    return pd.DataFrame({
        t("col_school", lang): top["school_name"],
        t("col_district", lang): [_label(DISTRICTS, d, lang) for d in top["district"]],
        t("col_type", lang): [_label(SCHOOL_TYPES, v, lang) for v in top["school_type"]],
        t("col_kwp", lang): top["capacity_kwp"].round(0),
        t("col_mwh", lang): (top["annual_yield_kwh"] / 1e3).round(0),
        t("col_mwh_low", lang): (top["annual_yield_low_kwh"] / 1e3).round(0),
        t("col_cover", lang): top["demand_covered_share"].round(2),
        t("col_payback", lang): top["payback_years"].round(1),
    })


def render() -> None:
    lang = language()
    require_committee()
    st.title(t("overview_title", lang))
    schools = store().current_schools()
    if schools.empty:
        st.info(t("empty", lang))
        return
    if bool(schools["is_demo"].any()):
        st.warning(t("demo_notice", lang))
    results = pv_results()
    left, right = st.columns(2)
    districts = left.multiselect(t("filter_district", lang), [c.value for c in DISTRICTS],
                                 format_func=lambda d: _label(DISTRICTS, d, lang),
                                 placeholder=t("all", lang))
    types = right.multiselect(t("filter_type", lang), [c.value for c in SCHOOL_TYPES],
                              format_func=lambda v: _label(SCHOOL_TYPES, v, lang),
                              placeholder=t("all", lang))
    selected = filter_results(results, districts, types)
    if selected.empty:
        st.info(t("no_match", lang))
        return
    _metrics(city_summary(selected, store().roster_size() or None), lang)
    st.caption(t("weather_caption", lang, label=results.attrs["weather_source"]))
    campuses = campus_table(selected)
    st.subheader(t("map_title", lang))
    st.plotly_chart(campus_map(campuses, lang), config={"displaylogo": False})
    st.subheader(t("district_chart", lang))
    st.plotly_chart(district_chart(district_table(selected), lang),
                    config={"displaylogo": False})
    st.subheader(t("top_campuses", lang))
    st.dataframe(_top_table(campuses, lang), hide_index=True)
