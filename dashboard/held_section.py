"""待核实 The held list of the subsidy page: claims above their bound, and the decision form.

A committee member confirms a held claim or corrects it, with a reason; the decision is
stored with its audit entry (:meth:`energy.subsidy.store.SubsidyStore.clarify`) and counts
from the next ranking run on.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.subsidy_text import s
from dashboard.widgets import table
from energy.subsidy.outputs import HELD_PAGE

FLASH = "held_recorded"


def _shown(held: pd.DataFrame, lang: str) -> pd.DataFrame:
    return held.assign(hold_reason=held[f"hold_reasons_{lang}"], ask=held[f"ask_{lang}"],
                       school_name=held["school_name"].fillna(held["school_code"]))


def _form(held: pd.DataFrame, subsidy_store, actor: str, lang: str) -> None:
    with st.form("held_decision"):
        pick = st.selectbox(s("held_pick", lang), list(held["application_id"]))
        action = st.radio(s("held_action", lang), ("confirmed", "corrected"), horizontal=True,
                          format_func=lambda a: s("held_confirm" if a == "confirmed"
                                                  else "held_correct", lang))
        figure = st.number_input(s("held_figure", lang), min_value=0.0, value=0.0, step=1000.0)
        reason = st.text_input(s("held_reason", lang))
        if not st.form_submit_button(s("held_submit", lang)):
            return
    if not reason.strip():
        st.error(s("held_need_reason", lang))
        return
    claimed = float(held.set_index("application_id").loc[pick, "claimed_annual_kwh"])
    try:
        subsidy_store.clarify(pick, action, claimed, actor, reason,
                              figure if action == "corrected" else None)
    except ValueError as error:
        st.error(str(error))
        return
    st.session_state[FLASH] = pick
    st.session_state.pop("ranking", None)
    st.rerun()


def show_recorded(lang: str) -> None:
    """After a decision: which application it was, and that the ranking must run again."""
    done = st.session_state.pop(FLASH, None)
    if done:
        st.success(s("held_recorded", lang, application_id=done))


def render_held(result, subsidy_store, actor: str, lang: str) -> None:
    """The held applications of a ranking run, and the form deciding on one."""
    st.subheader(s("held_title", lang))
    held = result.held
    if held.empty:
        st.caption(s("held_none", lang))
        return
    st.caption(s("held_help", lang))
    table(_shown(held, lang), HELD_PAGE, lang)
    _form(held, subsidy_store, actor, lang)
