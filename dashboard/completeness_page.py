"""数据完整度 Data completeness: roster, who submitted, gaps by school and district."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.access import audit, audit_log
from dashboard.auth import committee_user, require_committee
from dashboard.i18n import t
from dashboard.state import language, once_per_file, store
from sheets.reader import UnreadableFile
from surveys.roster import (
    completeness,
    completeness_by_district,
    import_roster,
    schools_with_gaps,
)


def _roster_upload(lang: str) -> None:
    uploaded = st.file_uploader(t("roster_upload", lang), type=["xlsx", "xls", "csv"],
                                key="roster_file")
    if uploaded is None or st.session_state.get("roster_done") == uploaded.file_id:
        return
    data = uploaded.getvalue()
    try:
        roster_id, report = once_per_file("roster", data,
                                          lambda: import_roster(store(), data, uploaded.name))
    except UnreadableFile as refusal:
        st.error(t("unreadable", lang, message=refusal.message_zh if lang == "zh"
                   else refusal.message_en))
        return
    if roster_id is None:
        st.error(t("roster_bad", lang))
        st.dataframe(pd.DataFrame([{
            t("col_cell", lang): i.cell, t("col_value", lang): i.value,
            t("col_message", lang): i.message_zh if lang == "zh" else i.message_en}
            for i in report.errors]), hide_index=True)
        return
    st.session_state["roster_done"] = uploaded.file_id
    audit(store(), committee_user() or "?", "roster_imported", uploaded.name, roster_id=roster_id)
    st.success(t("roster_done", lang, n=store().roster_size()))


def _quality_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    flagged = schools_with_gaps(table)
    return pd.DataFrame({
        t("col_school", lang): flagged["school_name"],
        t("col_district", lang): flagged["district"],
        t("c_warnings", lang): flagged["n_warnings"],
        t("c_no_coords", lang): flagged["missing_coordinates"],
        t("c_no_use", lang): flagged["missing_electricity"],
        t("c_no_azimuth", lang): flagged["n_pitched_without_azimuth"],
        t("c_roof_above", lang): flagged["n_roof_above_floor"],
        t("c_n_submissions", lang): flagged["n_submissions"],
    })


def render() -> None:
    lang = language()
    require_committee()
    st.title(t("completeness_title", lang))
    _roster_upload(lang)
    table = completeness(store())
    if table.empty:
        st.info(t("empty", lang))
        return
    expected = table[table["on_roster"]]
    cols = st.columns(4)
    if expected.empty:
        st.info(t("no_roster", lang))
    else:
        cols[0].metric(t("c_expected", lang), len(expected))
        cols[1].metric(t("c_submitted", lang), int(expected["submitted"].sum()))
        cols[2].metric(t("c_missing", lang), int((~expected["submitted"]).sum()))
        cols[3].metric(t("c_unexpected", lang), int((~table["on_roster"]).sum()))
        st.subheader(t("c_by_district", lang))
        by_district = completeness_by_district(table)
        st.bar_chart(by_district.set_index("district")[["submitted", "missing"]],
                     color=["#59a14f", "#e15759"])
        st.subheader(t("c_missing_list", lang))
        missing = expected[~expected["submitted"]]
        st.dataframe(missing[["school_code", "school_name", "district", "school_type"]],
                     hide_index=True)
    st.subheader(t("c_quality", lang))
    st.dataframe(_quality_table(table, lang), hide_index=True)
    st.subheader(t("c_history", lang))
    history = store().history()
    repeated = history[history.duplicated("school_code", keep=False)]
    st.dataframe(repeated[["school_code", "school_name", "submitted_at", "file_name",
                           "n_buildings", "n_warnings", "is_current"]], hide_index=True)
    st.subheader(t("audit_title", lang))
    st.dataframe(audit_log(store(), limit=200), hide_index=True)
