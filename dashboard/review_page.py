"""专家评审 A reviewer's page: the applications assigned to them, conflicts, scores, submit.

Everything the page shows of an application comes through
:func:`energy.subsidy.online.application_for`, which refuses any application not assigned
to the signed-in reviewer, whatever the widget state says; the rules live in
:mod:`energy.subsidy.online`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import materials_section
from dashboard.auth import require_reviewer
from dashboard.state import language, store
from dashboard.subsidy_text import s
from dashboard.widgets import table
from energy.subsidy import SubsidyStore, online
from energy.subsidy.outputs import REVIEW_APPLICATION, REVIEW_ASSIGNED, REVIEW_SCORES

FLASH = "review_flash"


def _sub() -> SubsidyStore:
    return SubsidyStore(store())


def _with_status(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    pick = 0 if lang == "zh" else 1
    return frame.assign(status_text=frame["status"].map(lambda v: online.STATUS_TEXT[v][pick]))


def _refused(refusal: online.ReviewRefused, lang: str) -> None:
    st.error(refusal.message(lang))


def _declaration(sub: SubsidyStore, reviewer: str, app_id: str, lang: str) -> None:
    st.subheader(s("conflict_title", lang))
    st.caption(s("conflict_help", lang))
    with st.form("conflict"):
        choice = st.radio(s("conflict_choice", lang), (False, True), horizontal=True,
                          format_func=lambda c: s("conflict_yes" if c else "conflict_no", lang))
        reason = st.text_input(s("conflict_reason", lang))
        if not st.form_submit_button(s("conflict_submit", lang)):
            return
    try:
        online.declare(sub, reviewer, app_id, choice, reason)
    except online.ReviewRefused as refusal:
        _refused(refusal, lang)
        return
    if choice:
        st.session_state[FLASH] = s("conflict_recorded", lang, application_id=app_id)
    st.rerun()


def _score_form(sub: SubsidyStore, reviewer: str, app_id: str, lang: str) -> None:
    st.subheader(s("score_title", lang))
    saved = online.my_scores(sub, reviewer, app_id).set_index("criterion")
    with st.form("scores"):
        entered = {}
        for criterion in online.CRITERIA:
            label = criterion if lang == "zh" else online.CRITERIA_EN[criterion]
            old = saved["score"].get(criterion)
            score = st.number_input(label, min_value=online.SCORE_MIN, max_value=online.SCORE_MAX,
                                    value=None if old is None or pd.isna(old) else float(old),
                                    step=0.5, key=f"score_{app_id}_{criterion}")
            comment = st.text_input(s("score_comment", lang, criterion=label),
                                    value=saved["comment"].get(criterion) or "",
                                    key=f"comment_{app_id}_{criterion}")
            entered[criterion] = (score, comment)
        save = st.form_submit_button(s("score_save", lang))
        send = st.form_submit_button(s("score_submit", lang), type="primary")
    if save or send:
        _store_scores(sub, reviewer, app_id, entered, send, lang)


def _store_scores(sub, reviewer: str, app_id: str, entered: dict, send: bool,
                  lang: str) -> None:
    scores = {c: v for c, v in entered.items() if v[0] is not None}
    try:
        if scores:
            online.save_scores(sub, reviewer, app_id, scores)
        if send:
            online.submit(sub, reviewer, app_id)
    except online.ReviewRefused as refusal:
        _refused(refusal, lang)
        return
    st.session_state[FLASH] = (s("score_submitted", lang, application_id=app_id) if send
                               else s("score_saved", lang))
    st.rerun()


def _submitted(sub: SubsidyStore, reviewer: str, app_id: str, lang: str) -> None:
    st.subheader(s("panel_scores", lang))
    table(online.panel_scores(sub, reviewer, app_id), REVIEW_SCORES, lang)


def _one_application(sub: SubsidyStore, reviewer: str, app_id: str, lang: str) -> None:
    try:
        application = online.application_for(sub, reviewer, app_id)
    except online.ReviewRefused as refusal:
        _refused(refusal, lang)
        return
    table(pd.DataFrame([application]), REVIEW_APPLICATION, lang)
    materials_section.render_for_reviewer(sub, reviewer, app_id, lang)
    status = application["status"]
    if status == online.CONFLICT:
        st.info(online.STATUS_TEXT[status][0 if lang == "zh" else 1])
    elif status == online.SUBMITTED:
        _submitted(sub, reviewer, app_id, lang)
    elif not online.scoring_open(sub):
        st.warning(s("review_closed", lang))
    elif status == online.ASSIGNED:
        _declaration(sub, reviewer, app_id, lang)
    else:
        st.caption(s("panel_hidden", lang))
        _score_form(sub, reviewer, app_id, lang)


def render() -> None:
    lang = language()
    reviewer = require_reviewer()
    st.title(s("review_title", lang))
    st.caption(s("review_help", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    sub = _sub()
    mine = online.assigned_applications(sub, reviewer)
    if mine.empty:
        st.info(s("review_none", lang))
        return
    if not online.scoring_open(sub):
        st.warning(s("review_closed", lang))
    table(_with_status(mine, lang), REVIEW_ASSIGNED, lang)
    app_id = st.selectbox(s("review_pick", lang), list(mine["application_id"]),
                          key="review_application")
    _one_application(sub, reviewer, app_id, lang)
