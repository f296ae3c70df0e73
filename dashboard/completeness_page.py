"""数据完整度 Data completeness: roster, who submitted, gaps by school and district."""

from __future__ import annotations

import streamlit as st

from core.access import audit
from dashboard.auth import committee_user, require_committee
from dashboard.i18n import t
from dashboard.round_page import deadline_notice
from dashboard.state import language, once_per_file, store
from dashboard.widgets import audit_view, issues_table, table, uploader
from sheets.reader import UnreadableFile
from sheets.safety import SHEET_EXTENSIONS
from surveys.outputs import HISTORY, MISSING_SCHOOLS, QUALITY
from surveys.roster import (
    completeness,
    completeness_by_district,
    import_roster,
    schools_with_gaps,
)


def _roster_upload(lang: str) -> None:
    uploaded = uploader(t("roster_upload", lang), list(SHEET_EXTENSIONS), "roster_file", lang)
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
        issues_table(report.errors, lang)
        return
    st.session_state["roster_done"] = uploaded.file_id
    audit(store(), committee_user() or "?", "roster_imported", uploaded.name, roster_id=roster_id)
    st.success(t("roster_done", lang, n=store().roster_size()))


def render() -> None:
    lang = language()
    require_committee()
    st.title(t("completeness_title", lang))
    deadline_notice(lang)   # the survey round in force and its deadline
    _roster_upload(lang)
    schools = completeness(store())
    if schools.empty:
        st.info(t("empty", lang))
        return
    expected = schools[schools["on_roster"]]
    cols = st.columns(4)
    if expected.empty:
        st.info(t("no_roster", lang))
    else:
        cols[0].metric(t("c_expected", lang), len(expected))
        cols[1].metric(t("c_submitted", lang), int(expected["submitted"].sum()))
        cols[2].metric(t("c_missing", lang), int((~expected["submitted"]).sum()))
        cols[3].metric(t("c_unexpected", lang), int((~schools["on_roster"]).sum()))
        st.subheader(t("c_by_district", lang))
        by_district = completeness_by_district(schools)
        chart = by_district.set_index("district")[["submitted", "missing"]].rename(
            columns={"submitted": t("c_submitted", lang), "missing": t("c_missing", lang)})
        st.bar_chart(chart.rename_axis(t("district", lang)), color=["#59a14f", "#e15759"])
        st.subheader(t("c_missing_list", lang))
        table(expected[~expected["submitted"]], MISSING_SCHOOLS, lang)
    st.subheader(t("c_quality", lang))
    table(schools_with_gaps(schools), QUALITY, lang)
    st.subheader(t("c_history", lang))
    history = store().history()
    table(history[history.duplicated("school_code", keep=False)], HISTORY, lang)
    st.subheader(t("audit_title", lang))
    audit_view(store(), lang, limit=200, key="completeness_audit")
