"""项目申报意向 on the upload page: a school states its planned projects with its upload code.

Shown only while the current subsidy round is open or collecting intentions (asked by a
read of the snapshot, so the survey upload never waits for it). A school enters one project
at a time or uploads an intention sheet (read in the isolated worker like the committee's);
either way :mod:`energy.subsidy.intentions` checks the upload code again inside the write
and refuses another school's rows, as the survey upload does.
"""

from __future__ import annotations

import streamlit as st

from core.access import AccessDenied
from core.store import DatabaseBusy
from dashboard.i18n import t
from dashboard.round_text import r
from dashboard.state import once_per_file, store
from dashboard.widgets import issues_table, table, uploader
from energy.subsidy import SubsidyStore
from energy.subsidy.intentions import (
    STORED,
    TYPES,
    add_intention,
    import_intentions,
    intention_call,
    school_intentions,
)
from energy.subsidy.round_outputs import SCHOOL_INTENTIONS
from energy.subsidy.rounds import RoundRefused
from energy.subsidy.schema import PROJECT_TYPES

TYPE_EN = {c.value: c.label_en for c in PROJECT_TYPES}
REFUSALS = (AccessDenied, RoundRefused, DatabaseBusy)


def _refused(error, lang: str) -> None:
    st.error(error.message_zh if lang == "zh" else error.message_en)


def _one(round_id: str, school: str, code: str, lang: str) -> None:
    with st.form("school_intention", clear_on_submit=True):
        kind = st.selectbox(r("school_intention_type", lang), TYPES,
                            format_func=lambda v: v if lang == "zh" else TYPE_EN[v])
        wan = st.number_input(r("school_intention_wan", lang), min_value=0.0, step=10.0)
        description = st.text_input(r("school_intention_description", lang))
        if not st.form_submit_button(r("school_intention_submit", lang)):
            return
    try:
        new_id = add_intention(SubsidyStore(store(), round_id), school, kind, wan * 1e4,
                               f"school:{school}", description.strip() or None,
                               source="upload", upload_code=code)
    except REFUSALS as error:
        _refused(error, lang)
        return
    st.success(r("school_intention_stored", lang, intention_id=new_id))


def _sheet(round_id: str, school: str, code: str, lang: str) -> None:
    uploaded = uploader(r("intentions_file", lang), ["xlsx", "xls", "csv"],
                        "school_intentions_file", lang)
    if uploaded is None:
        return
    data = uploaded.getvalue()
    try:
        result = once_per_file(f"school_intentions_{round_id}", data, lambda: (
            import_intentions(SubsidyStore(store(), round_id), data, uploaded.name,
                              f"school:{school}", source="upload", upload_code=code)))
    except REFUSALS as error:
        _refused(error, lang)
        return
    if result.status == STORED:
        st.success(r("school_intentions_stored", lang, n=len(result.intention_ids)))
    elif result.refusal is not None:
        st.error(t("unreadable", lang, message=result.refusal.message_zh if lang == "zh"
                   else result.refusal.message_en))
    else:
        st.error(t("n_errors", lang, n=result.report.n_errors))
        issues_table(result.report.errors, lang)


def render_for_school(school: str, code: str, lang: str) -> None:
    """The school's intentions for the current round, while the round takes them."""
    call = intention_call(store())
    if call is None:
        return
    round_id, name = call
    with st.expander(r("school_intentions_title", lang, name=name)):
        st.caption(r("school_intentions_help", lang))
        _one(round_id, school, code, lang)
        _sheet(round_id, school, code, lang)
        table(school_intentions(store(), school, round_id), SCHOOL_INTENTIONS, lang)
