"""奖补评审 Subsidy review: the round, sheets in, rubric weights and budget, ranking, shortlist,
exports, intentions, a school's history and what the funded projects delivered."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import streamlit as st

from core.access import audit
from dashboard import materials_section
from dashboard.auth import committee_user, require_committee
from dashboard.held_section import render_held, show_recorded
from dashboard.i18n import t
from dashboard.round_text import r
from dashboard.rounds_section import (
    ROUND_KEY,
    history_section,
    intentions_section,
    outcomes_section,
    pick_round,
)
from dashboard.state import language, once_per_file, pv_results, store
from dashboard.subsidy_text import s
from dashboard.widgets import issues_table, table, uploader
from energy.pv.portfolio import aggregate
from energy.subsidy import (
    Cap,
    SubsidyStore,
    SurveyData,
    rank_applications,
    write_csv,
    write_workbook,
)
from energy.subsidy.outputs import EXPLAIN, MESSAGES, RANKING_PAGE, points_columns
from energy.subsidy.panel import COMBINATIONS
from energy.subsidy.rounds import DECIDED, budget_of, set_budget
from surveys.store import DUPLICATE, STORED

METHODS = ("weighted_sum", "topsis")


def _subsidy_store() -> SubsidyStore:
    """The subsidy tables seen through the round picked on the page (default: current)."""
    return SubsidyStore(store(), st.session_state.get(ROUND_KEY))


def _upload(kind: str, label_key: str, lang: str) -> None:
    uploaded = uploader(t(label_key, lang), ["xlsx", "xls", "csv"], f"up_{kind}", lang)
    if uploaded is None:
        return
    data = uploaded.getvalue()
    sub = _subsidy_store()
    result = once_per_file(f"subsidy_{kind}_{sub.round_id}", data, lambda: sub.import_bytes(
        data, uploaded.name, kind=kind, source="upload"))
    if result.status in (STORED, DUPLICATE):
        st.success(t("sheet_stored" if result.status == STORED else "sheet_duplicate", lang,
                     n=0 if result.frame is None else len(result.frame)))
    elif result.refusal is not None:
        refusal = result.refusal
        st.error(t("unreadable", lang, message=refusal.message_zh if lang == "zh"
                   else refusal.message_en))
    else:
        st.error(t("n_errors", lang, n=result.report.n_errors))
        issues_table(result.report.errors, lang)


def _controls(the_round, applications: pd.DataFrame, lang: str):
    rubric = the_round.rubric()
    budget = budget_of(the_round, applications)
    left, middle, right = st.columns(3)
    budget_wan = left.number_input(t("budget", lang), min_value=1.0,
                                   value=budget.amount_cny / 1e4, step=10.0,
                                   key=f"budget_{the_round.round_id}")
    left.caption(budget.note(lang))
    method = middle.radio(t("method", lang), METHODS, horizontal=True,
                          index=METHODS.index(rubric.method),
                          format_func=lambda m: t(f"method_{m}", lang))
    cap_pct = right.number_input(t("district_cap", lang), min_value=0.0, max_value=100.0,
                                 value=0.0, step=5.0)
    combine = middle.radio(s("combine", lang), COMBINATIONS, horizontal=True,
                           index=COMBINATIONS.index(rubric.parameters.expert_combination),
                           format_func=lambda c: s(f"combine_{c}", lang))
    st.caption(t("weights_help", lang))
    cols = st.columns(len(rubric.criteria))
    weights = {c.id: cols[i].number_input(c.label_zh if lang == "zh" else c.label_en,
                                          min_value=0.0, max_value=100.0,
                                          value=round(c.weight * 100, 1), step=5.0,
                                          key=f"w_{c.id}")
               for i, c in enumerate(rubric.criteria)}
    caps = (Cap("district", "share", cap_pct / 100),) if cap_pct > 0 else ()
    params = dataclasses.replace(rubric.parameters, expert_combination=combine)
    edited = rubric.with_relative_weights(weights).replace(method=method, parameters=params)
    return budget_wan * 1e4, edited, caps


def _run(the_round, applications, reviews, budget_cny, rubric, caps):
    campus_pv = aggregate(pv_results(), by=("school_code",))
    survey = SurveyData.from_store(store(), pv=campus_pv)
    result = rank_applications(applications, survey, budget_cny, rubric,
                               reviews if not reviews.empty else None, caps or None,
                               data_version=store().data_version(),
                               clarifications=_subsidy_store().clarifications())
    sub = _subsidy_store()
    run_id = sub.record_run(result)
    user = committee_user() or "?"
    set_budget(sub, the_round.round_id, budget_cny, user)
    if rubric.sha256 != the_round.rubric().sha256:
        audit(store(), user, "rubric_changed", rubric.name, sha256=rubric.sha256,
              weights={c.id: c.weight for c in rubric.criteria}, method=rubric.method)
    audit(store(), user, "ranking_run", f"run {run_id}", run_id=run_id, budget_cny=budget_cny,
          rubric_sha256=rubric.sha256, shortlisted=int(result.table["shortlisted"].sum()))
    return result


def _ranking(result) -> pd.DataFrame:
    """The ranking with the subsidy in 万元 (the page's unit) and a school name always."""
    ranked = result.ranking
    return ranked.assign(subsidy_requested_wan=ranked["subsidy_requested_cny"] / 1e4,
                         school_name=ranked.get("school_name", ranked["school_code"]))


def _messages(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Flags or gate failures with their message in the chosen language."""
    message = next((c for c in (f"message_{lang}", f"reason_{lang}") if c in frame), None)
    return frame.assign(message=frame[message]) if message else frame


def _downloads(result, lang: str) -> None:
    book = io.BytesIO()
    write_workbook(result, book)
    text = io.StringIO()
    write_csv(result, text)
    left, right = st.columns(2)
    user = committee_user() or "?"
    left.download_button(t("download_shortlist", lang), book.getvalue(),
                         file_name="入围名单_shortlist.xlsx", type="primary",
                         on_click=audit, args=(store(), user, "export", "入围名单_shortlist.xlsx"))
    right.download_button(t("download_csv", lang), text.getvalue().encode("utf-8"),
                          file_name="入围名单_shortlist.csv", mime="text/csv",
                          on_click=audit, args=(store(), user, "export", "入围名单_shortlist.csv"))


def _results(result, lang: str) -> None:
    short = result.shortlist
    cols = st.columns(4)
    cols[0].metric(t("eligible", lang), len(result.ranking))
    cols[1].metric(t("shortlisted", lang), len(short))
    cols[2].metric(t("granted_wan", lang), f"{short['subsidy_requested_cny'].sum() / 1e4:,.0f}")
    cols[3].metric(t("fill_score", lang), f"{short['score'].sum():,.0f} / "
                   f"{result.rank_fill['score'].sum():,.0f}", help=t("fill_help", lang))
    st.subheader(t("ranking_title", lang))
    table(_ranking(result), RANKING_PAGE.plus(points_columns(result.rubric)), lang)
    if len(result.ranking):
        pick = st.selectbox(t("why_rank", lang), list(result.ranking["rank"].astype(int)))
        why = result.explain(rank=pick)
        table(why.assign(label=why["label_zh" if lang == "zh" else "label_en"]), EXPLAIN, lang)
    render_held(result, _subsidy_store(), committee_user() or "?", lang)
    if not result.flags.empty:
        st.subheader(t("flags_title", lang))
        table(_messages(result.flags, lang), MESSAGES, lang)
    if not result.gate_failures.empty:
        st.subheader(t("gates_title", lang))
        table(_messages(result.gate_failures, lang), MESSAGES, lang)
    _downloads(result, lang)


def render() -> None:
    lang = language()
    require_committee()
    st.title(t("subsidy_title", lang))
    st.caption(t("rubric_note", lang))
    show_recorded(lang)
    the_round = pick_round(_subsidy_store(), lang)
    with st.expander(t("subsidy_upload", lang)):
        _upload("applications", "upload_applications", lang)
        _upload("reviews", "upload_reviews", lang)
    materials_section.render(lang, _subsidy_store())
    _ranking_part(the_round, lang)
    sub = _subsidy_store()
    intentions_section(sub, lang)
    outcomes_section(sub, the_round, lang)
    history_section(sub, lang)


def _ranking_part(the_round, lang: str) -> None:
    applications = _subsidy_store().current_applications()
    if applications.empty:
        st.info(t("no_applications", lang))
        return
    if the_round.status == DECIDED:
        return
    reviews = _subsidy_store().current_reviews()
    budget_cny, rubric, caps = _controls(the_round, applications, lang)
    if st.button(t("run_ranking", lang), type="primary"):
        with st.spinner(t("ranking_running", lang)):
            ranked = _run(the_round, applications, reviews, budget_cny, rubric, caps)
            st.session_state["ranking"] = (the_round.round_id, ranked)
            st.caption(r("round_budget_saved", lang))
    kept = st.session_state.get("ranking")
    if kept is not None and kept[0] == the_round.round_id:
        _results(kept[1], lang)
