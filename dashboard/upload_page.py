"""学校上传 School upload: template, check with located problems, confirm, history."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from core.access import AccessDenied, check_school_matches
from core.store import DatabaseBusy
from dashboard import intention_section
from dashboard.auth import committee_user, forget_school_code, school_code_gate
from dashboard.i18n import t
from dashboard.mapping_section import confirm_mapping
from dashboard.state import UPLOAD_CHECK, language, once_per_file, store
from dashboard.widgets import issues_table, table, uploader
from sheets.reader import UnreadableFile
from sheets.report import ERROR, INFO
from sheets.safety import SHEET_EXTENSIONS
from surveys.intake import UploadCheck, check_upload_isolated
from surveys.mappings import survey_profiles
from surveys.outputs import HISTORY
from surveys.store import DUPLICATE, STORED
from surveys.template import template_bytes

LOG = logging.getLogger(__name__)
MARK_COLOURS = {ERROR: "background-color: #f8d7da", "warning": "background-color: #fff3cd"}


def _styled_preview(checked: UploadCheck, lang: str):
    table, marks = checked.preview.rename_axis(t("preview_row", lang)), checked.marks
    if table.empty:
        return None

    def colour(frame: pd.DataFrame) -> pd.DataFrame:
        styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
        for (row, letters), severity in marks.items():
            styles.loc[row, letters] = MARK_COLOURS[severity]
        return styles

    return table.style.apply(colour, axis=None)


def _show_report(checked: UploadCheck, lang: str) -> None:
    result = checked.result
    report = result.report
    st.subheader(t("report_title", lang))
    if report.errors:
        st.error(t("n_errors", lang, n=report.n_errors))
    elif report.warnings:
        st.warning(t("n_warnings", lang, n=report.n_warnings))
    else:
        st.success(t("all_good", lang))
    if report.ok:
        st.caption(t("parsed_rows", lang, schools=len(result.schools),
                     buildings=len(result.buildings)))
    listed = report.sorted_issues()
    problems = [i for i in listed if i.severity != INFO]
    notes = [i for i in listed if i.severity == INFO]
    if problems:
        issues_table(problems, lang, report.where)
    if notes:  # rows and sheets the reader left, and why: there to read, not to fix
        with st.expander(t("reading_notes", lang, n=len(notes))):
            issues_table(notes, lang, report.where)
    styled = _styled_preview(checked, lang)
    if styled is not None:
        st.subheader(t("preview_title", lang))
        st.dataframe(styled)


def _submit(data: bytes, name: str, result, lang: str, actor: str,
            upload_code: str | None) -> list[str]:
    accepted = True
    if result.report.warnings:
        accepted = st.checkbox(t("accept_warnings", lang), key=f"accept_{name}")
    if not st.button(t("submit", lang), disabled=not accepted, type="primary"):
        return []
    try:
        outcome = store().import_bytes(data, name, source="upload", checked=result, actor=actor,
                                       upload_code=upload_code)
    except AccessDenied as denied:   # revoked or expired since it was entered
        forget_school_code()
        st.error(denied.message_zh if lang == "zh" else denied.message_en)
        return []
    except DatabaseBusy as busy:
        st.error(busy.message_zh if lang == "zh" else busy.message_en)
        return []
    ids = ", ".join(str(i) for i in outcome.submission_ids)
    if outcome.status == STORED:
        st.success(t("submitted", lang, ids=ids, schools=", ".join(outcome.school_codes)))
    elif outcome.status == DUPLICATE:
        st.info(t("duplicate", lang, ids=ids))
    return outcome.school_codes


def _checked(data: bytes, name: str, actor: str) -> UploadCheck:
    """The check of this upload, run once per file in the isolated worker and kept for the
    page's reruns (ticking the warnings box must not parse the file again), read with the
    column-mapping profiles saved so far.

    Raises
    ------
    UnreadableFile
        Refused or stopped by the worker; the file is set aside in ``rejected/`` and the
        refusal written to the audit log (once).
    """
    def check() -> UploadCheck:
        try:
            return check_upload_isolated(data, name, survey_profiles(store()))
        except UnreadableFile as refusal:
            store().record_refusal(data, name, refusal, actor)
            raise

    return once_per_file(UPLOAD_CHECK, data, check)


def _history(school_codes: list[str], lang: str) -> None:
    if not school_codes:
        return
    history = pd.concat([store().history(code) for code in school_codes])
    st.subheader(t("history_title", lang))
    table(history, HISTORY, lang)


def render() -> None:
    lang = language()
    st.title(t("page_upload", lang))
    st.write(t("upload_intro", lang))
    st.download_button(t("download_template", lang), template_bytes(),
                       file_name="建筑楼宇面积调研表_template.xlsx")
    member = committee_user()
    gate = None if member else school_code_gate(lang)
    if not member and gate is None:
        return
    own_school, upload_code = gate if gate else (None, None)
    actor = member or f"school:{own_school}"
    if own_school is not None:   # the subsidy round's intention call, when it is open
        intention_section.render_for_school(own_school, upload_code, lang)
    uploaded = uploader(t("upload_label", lang), list(SHEET_EXTENSIONS), "survey_file",
                        lang)
    if uploaded is None:
        return
    data = uploaded.getvalue()
    try:
        checked = _checked(data, uploaded.name, actor)
    except UnreadableFile as refusal:
        message = refusal.message_zh if lang == "zh" else refusal.message_en
        st.error(t("unreadable", lang, message=message))
        return
    except Exception:  # never a stack trace for a school; the log keeps the details
        LOG.exception("checking upload %s failed", uploaded.name)
        st.error(t("unexpected", lang))
        return
    if confirm_mapping(checked, lang, actor):   # an uncertain mapping is confirmed first
        return
    _show_report(checked, lang)
    result = checked.result
    if not result.report.ok:
        return
    if own_school is not None:
        try:
            check_school_matches(own_school, result.schools["school_code"])
        except AccessDenied as denied:
            st.error(denied.message_zh if lang == "zh" else denied.message_en)
            return
    codes = _submit(data, uploaded.name, result, lang, actor, upload_code)
    _history(codes or list(result.schools["school_code"]), lang)
