"""调研轮次 Survey round: the round's deadline, upload codes for every school with the
distribution sheet, and the reminder list. Logic lives in :mod:`surveys.round`."""

from __future__ import annotations

import datetime as _dt

import streamlit as st

from dashboard import widgets
from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.state import language, store
from surveys import round as survey_round
from surveys.schema import DISTRICTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def deadline_notice(lang: str) -> None:
    """The round in force and the days to its deadline (also on the completeness page)."""
    line = survey_round.deadline_text(survey_round.current_round(store()))
    if line is None:
        st.caption(t("round_none", lang))
    elif survey_round.current_round(store())["days_left"] < 0:
        st.warning(line[0] if lang == "zh" else line[1])
    else:
        st.info(line[0] if lang == "zh" else line[1])


def _rounds(lang: str, user: str) -> None:
    with st.expander(t("round_add", lang)), st.form("add_round"):
        name = st.text_input(t("round_name", lang))
        today = survey_round.shanghai_today()
        opens = st.date_input(t("round_opens", lang), value=today)
        deadline = st.date_input(t("round_deadline", lang), value=today + _dt.timedelta(days=30))
        if st.form_submit_button(t("round_save", lang)):
            try:
                round_id = survey_round.add_round(store(), name, deadline, user, opens)
            except ValueError as bad:
                st.error(t("round_bad", lang, error=bad))
            else:
                st.success(t("round_saved", lang, id=round_id))
    table = survey_round.rounds(store())
    if not table.empty:
        st.caption(t("round_list", lang))
        widgets.table(table, survey_round.ROUNDS, lang)


def _bulk_codes(lang: str, user: str) -> None:
    st.subheader(t("bulk_title", lang))
    st.caption(t("bulk_help", lang))
    names = [""] + [d.value for d in DISTRICTS]
    cols = st.columns(3)
    district = cols[0].selectbox(t("bulk_district", lang), names,
                                 placeholder=t("all", lang)) or None
    without = cols[1].checkbox(t("bulk_without", lang), value=True)
    days = cols[2].number_input(t("round_valid_days", lang), min_value=1, max_value=366, value=60)
    n = len(survey_round.code_targets(store(), district, without))
    st.write(t("bulk_n", lang, n=n))
    if st.button(t("bulk_issue", lang), type="primary", disabled=n == 0):
        issued = survey_round.issue_round_codes(store(), user, int(days), district, without)
        sheet = survey_round.distribution_sheet(issued, survey_round.current_round(store()))
        # kept for this session only, so that the download survives the rerun it causes
        st.session_state["distribution_sheet"] = (len(issued), sheet)
    kept = st.session_state.get("distribution_sheet")
    if kept is not None:
        st.success(t("bulk_done", lang, n=kept[0]))
        st.download_button(t("bulk_download", lang), kept[1], "上传码发放表.xlsx", XLSX,
                           key="download_distribution")
    elif n == 0:
        st.caption(t("bulk_none", lang))


def _reminders(lang: str) -> None:
    st.subheader(t("rem_title", lang))
    table = survey_round.reminders(store())
    if table.empty:
        st.info(t("rem_none", lang))
        return
    counts = table["reason"].value_counts()
    st.write(t("rem_counts", lang, missing=int(counts.get("not_submitted", 0)),
               fix=int(counts.get("to_fix", 0))))
    widgets.table(table, survey_round.REMINDERS_SHOWN[lang], lang)
    cols = st.columns(2)
    cols[0].download_button(t("rem_xlsx", lang), survey_round.reminders_sheet(table, lang),
                            "催报名单.xlsx" if lang == "zh" else "reminders.xlsx", XLSX)
    cols[1].download_button(t("rem_csv", lang), survey_round.reminders_csv(table, lang),
                            "催报名单.csv" if lang == "zh" else "reminders.csv", "text/csv")


def render() -> None:
    lang = language()
    user = require_committee()
    st.title(t("round_title", lang))
    deadline_notice(lang)
    _rounds(lang, user)
    _bulk_codes(lang, user)
    _reminders(lang)
