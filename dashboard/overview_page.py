"""总览 Overview: city totals, an offline map of campuses, districts, top campuses."""

from __future__ import annotations

import os

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.state import assumptions, language, pv_results, store
from dashboard.widgets import table
from energy.districts import MEASURES, district_figures
from energy.pv.explore import campus_table, city_summary, district_table, filter_results
from energy.pv.outputs import COLUMNS, TOP_CAMPUSES
from energy.pv.portfolio import weather_label
from energy.report import build_report
from geo.districts import geojson
from geo.shanghai import DISTRICT_CENTRES
from sheets.outputs import AXIS_NUMBER_FORMAT
from surveys.roster import completeness, completeness_by_district
from surveys.schema import DISTRICTS, SCHOOL_TYPES

# plotly's *_map styles other than white-bg fetch tiles from the internet: the default works
# on an intranet; set CAMPUS_ENERGY_MAP_STYLE (e.g. "open-street-map") where tiles are reachable.
MAP_STYLE = os.environ.get("CAMPUS_ENERGY_MAP_STYLE", "white-bg")
MAP_KEY = "overview_map"              # the map's selection state (a clicked district)
DISTRICT_FILTER_KEY = "overview_districts"
MEASURE_SCALES = {"annual_yield_mwh": "Blues", "demand_covered_share": "Greens",
                  "share_submitted": "Purples"}


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


def district_layer(districts: pd.DataFrame, measure: str, lang: str,
                   picked: tuple[str, ...] = ()) -> go.Choroplethmap:
    """District polygons shaded by ``measure`` (a column of ``district_figures``); the
    picked districts outlined. Clicking one selects it (its name is the point's customdata)."""
    names = [_label(DISTRICTS, d, lang) for d in districts["district"]]
    widths = [3.0 if d in picked else 0.8 for d in districts["district"]]
    share = MEASURES[measure] == "-"
    return go.Choroplethmap(
        geojson=geojson(), featureidkey="id", locations=districts["district"],
        z=districts[measure], customdata=districts["district"], text=names,
        colorscale=MEASURE_SCALES[measure], marker={"opacity": 0.55,
                                                    "line": {"width": widths, "color": "#444"}},
        zmin=0, zmax=1 if share else None,
        colorbar={"title": {"text": t(f"measure_{measure}", lang)}, "x": 0.0, "xanchor": "left",
                  "len": 0.6, "tickformat": ".0%" if share else ",.0f"},
        hovertemplate="%{text}<br>%{z:" + (".0%" if share else ",.0f") + "}<extra></extra>")


def campus_map(campuses: pd.DataFrame, lang: str, districts: pd.DataFrame | None = None,
               measure: str = "annual_yield_mwh", picked: tuple[str, ...] = ()) -> go.Figure:
    """Campuses on a tile-free map over the district polygons (shaded by ``measure``), with
    district names for orientation."""
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
        labels={"mwh": COLUMNS["annual_yield_mwh"].header(lang),
                "capacity_kwp": COLUMNS["capacity_kwp"].header(lang)})
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
    if districts is not None:
        fig.add_trace(district_layer(districts, measure, lang, picked))
        # the polygons first (below the campuses, curve 0 of a selection)
        fig.data = (fig.data[-1], *fig.data[:-1])
    fig.update_layout(height=560, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      clickmode="event+select",
                      coloraxis_colorbar={"tickformat": AXIS_NUMBER_FORMAT})  # 10,000, not 10k
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
    fig.update_layout(barmode="group", height=380, yaxis_title=COLUMNS["annual_yield_mwh"].header(lang),
                      yaxis_tickformat=AXIS_NUMBER_FORMAT,
                      margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": 1.1})
    return fig


def _top_campuses(campuses: pd.DataFrame) -> pd.DataFrame:
    """The 20 campuses with the largest potential, yields in MWh (see TOP_CAMPUSES)."""
    top = campuses.head(20)
    return top.assign(annual_yield_mwh=top["annual_yield_kwh"] / 1e3,
                      annual_yield_low_mwh=top["annual_yield_low_kwh"] / 1e3)


def _picked_district() -> str | None:
    """The district last clicked on the map (a point of the polygon layer), if any."""
    event = st.session_state.get(MAP_KEY)
    points = (event or {}).get("selection", {}).get("points", [])
    names = [p.get("customdata") for p in points if p.get("curve_number") == 0]
    names = [n[0] if isinstance(n, list | tuple) else n for n in names if n]
    return names[-1] if names else None


def _apply_map_pick() -> None:
    """A newly clicked district becomes the district filter (before the filter is drawn)."""
    picked = _picked_district()
    if picked and picked != st.session_state.get("overview_last_pick"):
        st.session_state[DISTRICT_FILTER_KEY] = [picked]
    st.session_state["overview_last_pick"] = picked


def _district_frame(results: pd.DataFrame, types: list[str]) -> pd.DataFrame:
    """Figures of all 16 districts for the choropleth (school-type filter applied)."""
    by_district = completeness_by_district(completeness(store())) \
        if store().roster_size() else None
    return district_figures(filter_results(results, (), types), by_district)


def _map_section(results: pd.DataFrame, campuses: pd.DataFrame, types: list[str],
                 picked: list[str], lang: str) -> None:
    st.subheader(t("map_title", lang))
    measure = st.radio(t("map_measure", lang), list(MEASURES), horizontal=True,
                       format_func=lambda m: t(f"measure_{m}", lang), key="overview_measure")
    districts = _district_frame(results, types)
    if measure == "share_submitted" and districts["share_submitted"].isna().all():
        st.info(t("map_no_roster", lang))
    st.plotly_chart(campus_map(campuses, lang, districts, measure, tuple(picked)), key=MAP_KEY,
                    on_select="rerun", selection_mode="points", config={"displaylogo": False})
    st.caption(t("map_pick_hint", lang))


def _report_section(results: pd.DataFrame, districts: list[str], lang: str) -> None:
    """The analysis report (committee only: the page requires it) for the filtered districts."""
    st.subheader(t("analysis_title", lang))
    st.caption(t("analysis_intro", lang))
    left, right = st.columns([1, 3])
    suffix = left.radio(t("analysis_format", lang), ["docx", "pdf"], horizontal=True,
                        key="report_format")
    if right.button(t("analysis_make", lang), key="report_make"):
        data = build_report(store(), suffix, districts=districts, lang=lang, results=results,
                            assumptions=assumptions())
        st.session_state["report_file"] = (suffix, data)
    made = st.session_state.get("report_file")
    if made:
        kind, data = made
        mime = ("application/pdf" if kind == "pdf" else
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        st.download_button(t("analysis_download", lang), data, file_name=f"调研分析报告.{kind}",
                           mime=mime, key="report_download")


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
    _apply_map_pick()
    left, right = st.columns(2)
    districts = left.multiselect(t("filter_district", lang), [c.value for c in DISTRICTS],
                                 format_func=lambda d: _label(DISTRICTS, d, lang),
                                 placeholder=t("all", lang), key=DISTRICT_FILTER_KEY)
    types = right.multiselect(t("filter_type", lang), [c.value for c in SCHOOL_TYPES],
                              format_func=lambda v: _label(SCHOOL_TYPES, v, lang),
                              placeholder=t("all", lang))
    selected = filter_results(results, districts, types)
    if selected.empty:
        st.info(t("no_match", lang))
        return
    _metrics(city_summary(selected, store().roster_size() or None), lang)
    st.caption(t("weather_caption", lang, label=weather_label(results, lang)))
    campuses = campus_table(selected)
    _map_section(results, campuses, types, districts, lang)
    st.subheader(t("district_chart", lang))
    st.plotly_chart(district_chart(district_table(selected), lang),
                    config={"displaylogo": False})
    st.subheader(t("top_campuses", lang))
    table(_top_campuses(campuses), TOP_CAMPUSES, lang)
    _report_section(results, districts, lang)
