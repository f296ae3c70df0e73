"""评审分配 The chair's section: reviewer accounts, assignment, progress, closing scoring.

A committee member adds reviewer accounts (with the school and district that are their
conflicts), assigns reviewers by hand or in turn (:mod:`energy.subsidy.online` refuses or
skips their own school and district), follows progress and closes scoring, all in the current
round (closing one round's scoring leaves other rounds as they are). Submitted scores reach
the subsidy page's ranking with the score sheets'.
"""

from __future__ import annotations

import streamlit as st

from core import access
from dashboard.auth import require_committee
from dashboard.state import language, store
from dashboard.subsidy_text import s
from dashboard.widgets import table
from energy.subsidy import SubsidyStore, online
from energy.subsidy.outputs import ASSIGNMENTS, PANEL_PROGRESS
from energy.subsidy.rounds import get_round

FLASH = "chair_flash"


def _add_reviewer(sub: SubsidyStore, chair: str, lang: str) -> None:
    with st.expander(s("panel_add_title", lang)), st.form("add_reviewer", clear_on_submit=True):
        account = st.text_input(s("panel_account", lang))
        full_name = st.text_input(s("panel_full_name", lang))
        school = st.text_input(s("panel_school", lang))
        district = st.text_input(s("panel_district", lang))
        if not st.form_submit_button(s("panel_add", lang)):
            return
    if not account.strip():
        st.error(s("panel_need_account", lang))
        return
    password = access.random_password()
    try:
        access.add_reviewer(sub.survey, account.strip(), password, chair, full_name.strip(),
                            school.strip(), district.strip())
    except ValueError as error:
        st.error(str(error))
        return
    st.success(s("panel_added", lang, account=account.strip(), password=password))


def _by_hand(sub: SubsidyStore, chair: str, reviewers: list[str], lang: str) -> None:
    ids = sorted(sub.current_applications()["application_id"])
    with st.form("assign_hand"):
        st.caption(s("panel_hand_title", lang))
        reviewer = st.selectbox(s("panel_reviewer", lang), reviewers)
        chosen = st.multiselect(s("panel_applications", lang), ids,
                                placeholder=s("panel_choose", lang))
        if not st.form_submit_button(s("panel_assign", lang)):
            return
    try:
        made = online.assign(sub, reviewer, chosen, chair)
    except online.ReviewRefused as refusal:
        st.error(refusal.message(lang))
        return
    st.session_state[FLASH] = s("panel_assigned", lang, n=len(made))
    st.rerun()


def _in_turn(sub: SubsidyStore, chair: str, reviewers: list[str], lang: str) -> None:
    with st.form("assign_auto"):
        st.caption(s("panel_auto_title", lang))
        chosen = st.multiselect(s("panel_reviewers", lang), reviewers, default=reviewers,
                                placeholder=s("panel_choose", lang))
        per = st.number_input(s("panel_per_application", lang), min_value=1, max_value=9,
                              value=min(3, max(1, len(reviewers))), step=1)
        if not st.form_submit_button(s("panel_auto", lang)):
            return
    before = len(online.assignments(sub))
    plan = online.assign_round_robin(sub, chosen, int(per), chair)
    made = len(online.assignments(sub)) - before
    st.session_state[FLASH] = s("panel_auto_done", lang, n=made,
                                short=int((plan["short"] > 0).sum()))
    st.rerun()


def _state(sub: SubsidyStore, chair: str, lang: str) -> None:
    is_open = online.scoring_open(sub)
    name = get_round(sub).name
    st.caption(s("panel_state_open" if is_open else "panel_state_closed", lang, name=name))
    if st.button(s("panel_close" if is_open else "panel_reopen", lang), key="scoring_state"):
        (online.close_scoring if is_open else online.reopen_scoring)(sub, chair)
        st.rerun()


def render() -> None:
    lang = language()
    chair = require_committee()
    st.title(s("panel_title", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    sub = SubsidyStore(store())
    _add_reviewer(sub, chair, lang)
    progress = online.progress(sub)
    if progress.empty:
        st.info(s("panel_no_reviewers", lang))
        return
    st.subheader(s("panel_progress", lang))
    table(progress, PANEL_PROGRESS, lang)
    _state(sub, chair, lang)
    reviewers = list(progress["reviewer_id"])
    left, right = st.columns(2)
    with left:
        _by_hand(sub, chair, reviewers, lang)
    with right:
        _in_turn(sub, chair, reviewers, lang)
    st.subheader(s("panel_assignments", lang))
    shown = online.assignments(sub)
    pick = 0 if lang == "zh" else 1
    table(shown.assign(status_text=shown["status"].map(lambda v: online.STATUS_TEXT[v][pick])),
          ASSIGNMENTS, lang)
