"""The subsidy page's rounds: the round picker, intentions, a school's history and 成效."""

from __future__ import annotations

import streamlit as st

from dashboard.auth import committee_user
from dashboard.i18n import t
from dashboard.round_text import r
from dashboard.state import once_per_file
from dashboard.widgets import issues_table, table, uploader
from energy.subsidy import SubsidyStore
from energy.subsidy.figures import claims_figure
from energy.subsidy.history import applicant_schools, school_history
from energy.subsidy.intentions import STORED, import_intentions, intention_demand
from energy.subsidy.outcomes import (
    ACCEPTED,
    STEP_TEXT,
    SUGGESTION_TEXT,
    OutcomeRefused,
    bound_evidence,
    city_summary,
    comparison,
    next_steps,
    outcome_steps,
    record_outcome,
)
from energy.subsidy.round_outputs import (
    BASIS_TEXT,
    CITY,
    COMPARISON,
    DECISIONS,
    DEMAND,
    EVIDENCE,
    HISTORY,
    TRAIL,
    in_words,
)
from energy.subsidy.rounds import DECIDED, Round, get_round, rounds

ROUND_KEY = "subsidy_round"


def pick_round(sub: SubsidyStore, lang: str) -> Round:
    """The round picker (default: the current round); the chosen round."""
    listed = rounds(sub)
    names = dict(zip(listed["round_id"], listed["name"]))
    status = {row.round_id: get_round(sub, row.round_id).status_text for row in
              listed.itertuples()}
    ids = list(listed["round_id"])
    chosen = st.selectbox(r("round_pick", lang), ids, key=ROUND_KEY,
                          format_func=lambda i: r("round_info", lang, name=names[i],
                                                  status=status[i][lang != "zh"]))
    picked = get_round(sub, chosen)
    if picked.status == DECIDED:
        st.caption(r("round_decided", lang, when=f"{picked.decided_at:%Y-%m-%d}",
                     run_id=picked.decided_run_id))
    return picked


def intentions_section(sub: SubsidyStore, lang: str) -> None:
    st.subheader(r("intentions_title", lang))
    st.caption(r("intentions_help", lang))
    with st.expander(r("intentions_upload", lang)):
        _intention_upload(sub, lang)
    demand = intention_demand(sub)
    if len(demand):
        st.caption(r("intentions_total", lang, n=int(demand["n_intentions"].sum()),
                     wan=demand["rough_investment_cny"].sum() / 1e4))
    table(demand, DEMAND, lang)


def history_section(sub: SubsidyStore, lang: str) -> None:
    st.subheader(r("history_title", lang))
    names = applicant_schools(sub)
    if not names:
        st.caption(r("history_none", lang))
        return
    code = st.selectbox(r("history_pick", lang), list(names), key="history_school",
                        format_func=lambda c: f"{c} {names[c]}")
    table(in_words(school_history(sub, code), "decision", DECISIONS), HISTORY, lang)


def outcomes_section(sub: SubsidyStore, the_round: Round, lang: str) -> None:
    st.subheader(r("outcomes_title", lang))
    _step_form(sub, lang)
    steps = outcome_steps(sub)
    if steps.empty:
        st.caption(r("outcomes_none", lang))
    else:
        st.markdown(f"**{r('trail_title', lang)}**")
        table(in_words(steps, "status", STEP_TEXT), TRAIL, lang)
    compared = comparison(sub)
    if compared.empty:
        st.caption(r("no_accepted", lang))
        return
    mine = compared[compared["round_id"] == the_round.round_id]
    if len(mine):
        st.markdown(f"**{r('comparison_title', lang)}**")
        table(mine, COMPARISON, lang)
    summary = city_summary(compared)
    st.markdown(f"**{r('city_title', lang)}**")
    table(summary, CITY, lang)
    st.plotly_chart(claims_figure(summary, lang), config={"displaylogo": False})
    st.markdown(f"**{r('evidence_title', lang)}**")
    evidence = bound_evidence(compared, the_round.rubric())
    shown = in_words(in_words(evidence, "suggestion", SUGGESTION_TEXT), "basis", BASIS_TEXT)
    table(shown, EVIDENCE, lang)


def _step_form(sub: SubsidyStore, lang: str) -> None:
    """Record the next step of an awarded project: construction started, or acceptance
    with the measured first year."""
    pending = next_steps(sub)
    if pending.empty:
        return
    steps = dict(zip(pending["application_id"], pending["next_step"]))
    names = dict(zip(pending["application_id"], pending["project_name"]))
    with st.form("outcome_step"):
        st.markdown(f"**{r('step_title', lang)}**")
        app_id = st.selectbox(r("step_pick", lang), list(steps), format_func=lambda a: (
            f"{a} {names[a]} → {STEP_TEXT[steps[a]][lang != 'zh']}"))
        measured = st.number_input(r("step_measured", lang), min_value=0.0, value=0.0,
                                   step=1000.0)
        note = st.text_input(r("step_note", lang))
        if not st.form_submit_button(r("step_submit", lang)):
            return
    step = steps[app_id]
    try:
        record_outcome(sub, app_id, step, committee_user() or "?",
                       measured if step == ACCEPTED else None, note)
    except OutcomeRefused as refused:
        st.error(refused.message(lang))
        return
    st.success(r("step_recorded", lang, application_id=app_id,
                 step=STEP_TEXT[step][lang != "zh"]))


def _intention_upload(sub: SubsidyStore, lang: str) -> None:
    """A sheet of intentions (学校代码, 项目类型, 预计投资, 项目简介) into the round."""
    uploaded = uploader(r("intentions_file", lang), ["xlsx", "xls", "csv"], "up_intentions",
                        lang)
    if uploaded is None:
        return
    data = uploaded.getvalue()
    result = once_per_file(f"intentions_{sub.round_id}", data, lambda: import_intentions(
        sub, data, uploaded.name, committee_user() or "?", source="upload"))
    if result.status == STORED:
        st.success(t("sheet_stored", lang, n=len(result.intention_ids)))
    elif result.refusal is not None:
        st.error(t("unreadable", lang, message=result.refusal.message_zh if lang == "zh"
                   else result.refusal.message_en))
    else:
        st.error(t("n_errors", lang, n=result.report.n_errors))
        issues_table(result.report.errors, lang)
