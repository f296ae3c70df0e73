"""调研数据 Survey data: the schools and buildings currently in the store."""

from __future__ import annotations

import streamlit as st

from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.state import language, store
from dashboard.widgets import table
from surveys.outputs import BUILDINGS, SCHOOLS
from surveys.template import template_bytes


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
    table(schools, SCHOOLS, lang)
    st.subheader(t("building_table", lang))
    table(buildings, BUILDINGS, lang)
