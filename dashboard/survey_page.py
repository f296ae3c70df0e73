"""调研数据 Survey data: the schools and buildings currently in the store."""

from __future__ import annotations

import streamlit as st

from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.state import language, store
from surveys.schema import COLUMNS_BY_NAME
from surveys.template import template_bytes


def _labelled(frame, lang: str):
    names = {c: (COLUMNS_BY_NAME[c].label_zh if lang == "zh" else COLUMNS_BY_NAME[c].label_en)
             for c in frame.columns if c in COLUMNS_BY_NAME}
    names["n_buildings"] = t("buildings", lang)
    return frame.rename(columns=names)


def render() -> None:
    lang = language()
    require_committee()
    st.title(t("app_title", lang))
    st.download_button(t("download_template", lang), template_bytes(),
                       file_name="建筑楼宇面积调研表_template.xlsx")
    schools = store().current_schools()
    if schools.empty:
        st.info(t("empty", lang))
        return
    buildings = store().current_buildings()
    if bool(schools["is_demo"].any()):
        st.warning(t("demo_notice", lang))
    cols = st.columns(4)
    cols[0].metric(t("schools", lang), f"{len(schools):,}")
    cols[1].metric(t("buildings", lang), f"{len(buildings):,}")
    cols[2].metric(t("floor_area", lang), f"{buildings['gross_floor_area_m2'].sum() / 1e4:,.1f}")
    cols[3].metric(t("roof_area", lang), f"{buildings['roof_area_m2'].sum() / 1e4:,.1f}")
    all_label = t("all", lang)
    district = st.selectbox(t("district", lang), [all_label, *sorted(schools["district"].dropna().unique())])
    if district != all_label:
        schools = schools[schools["district"] == district]
        buildings = buildings[buildings["district"] == district]
    st.subheader(t("school_table", lang))
    school_cols = ["school_code", "school_name", "district", "school_type", "n_buildings",
                   "annual_electricity_kwh"]
    st.dataframe(_labelled(schools[school_cols], lang), hide_index=True)
    st.subheader(t("building_table", lang))
    building_cols = ["school_code", "building_name", "building_use", "year_built",
                     "floors_above_ground", "gross_floor_area_m2", "roof_area_m2", "roof_type"]
    st.dataframe(_labelled(buildings[building_cols], lang), hide_index=True)
