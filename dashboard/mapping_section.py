"""列对应 Column mapping: the upload page's confirmation form and the drop-downs it shares
with the committee's mappings page. Which headers to ask about, the proposal, the checks of
a person's choices and the profile they make are :mod:`sheets.mapping`'s; storing it is
:mod:`core.profiles`'."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.profiles import save_profile
from core.store import DatabaseBusy
from dashboard.i18n import t
from dashboard.state import UPLOAD_CHECK, forget_once, store
from sheets.mapping import (
    MappingRow,
    SheetMapping,
    check_choices,
    field_label,
    field_options,
    profile_from_choices,
)
from surveys.mappings import spec_named

WIDTHS = [3, 1, 2, 3]


def reading_text(row: MappingRow, spec, lang: str) -> str:
    """How the reader read a header, in words (级别 in ``lang``)."""
    if row.level == "suggested" and row.guess:
        return t("level_suggested", lang, guess=field_label(spec, row.guess, lang))
    if row.level == "unmatched" and row.has_values:
        return t("level_unmatched_values", lang)
    return t(f"level_{row.level}", lang)


def choose_fields(rows: list[MappingRow], spec, lang: str, key: str,
                  current: dict[int, str | None] | None = None) -> dict[int, str | None]:
    """A table of headers, one drop-down each (our fields' labels and "not read"), inside
    the caller's form; returns the choice per grid column."""
    labels = ["mapping_header", "mapping_cell", "mapping_reader", "mapping_read_as"]
    widths = list(WIDTHS)
    if not any(r.cell for r in rows):   # a saved profile: no cells, only wordings
        del labels[1], widths[1]
    for col, label in zip(st.columns(widths), labels):
        col.markdown(f"**{t(label, lang)}**")
    options = field_options(spec)
    choices = {}
    for row in rows:
        cols = st.columns(widths)
        header, pick = cols[0], cols[-1]
        header.write(row.header)
        if len(cols) == 4:
            cols[1].write(row.cell)
        cols[-2].write(reading_text(row, spec, lang))
        start = (current or {}).get(row.column, row.proposed)
        choices[row.column] = pick.selectbox(
            row.header, options, index=options.index(start) if start in options else 0,
            format_func=lambda name: field_label(spec, name, lang),
            key=f"{key}_{row.column}", label_visibility="collapsed")
    return choices


def _confirm_form(mapping: SheetMapping, lang: str, actor: str) -> None:
    spec = spec_named(mapping.spec_name)
    with st.form(f"mapping_{mapping.signature}"):
        if mapping.sheet:
            st.caption(t("mapping_sheet", lang, sheet=mapping.sheet))
        choices = choose_fields(mapping.rows, spec, lang, f"map_{mapping.signature}")
        confirmed = st.form_submit_button(t("mapping_confirm", lang), type="primary")
    if not confirmed:
        return
    problems = check_choices(mapping.rows, choices, spec)
    for zh, en in problems:
        st.error(zh if lang == "zh" else en)
    if problems:
        return
    try:
        save_profile(store(), mapping.signature, mapping.spec_name,
                     profile_from_choices(mapping.rows, choices),
                     [r.header for r in mapping.rows], actor)
    except DatabaseBusy as busy:
        st.error(busy.message_zh if lang == "zh" else busy.message_en)
        return
    forget_once(UPLOAD_CHECK)   # checked again, now with the saved profile
    st.rerun()


def _used_table(mapping: SheetMapping, lang: str) -> pd.DataFrame:
    spec = spec_named(mapping.spec_name)
    return pd.DataFrame([{
        t("mapping_header", lang): r.header, t("mapping_cell", lang): r.cell,
        t("mapping_read_as", lang): field_label(spec, r.proposed, lang),
    } for r in mapping.rows])


def confirm_mapping(checked, lang: str, actor: str) -> bool:
    """The upload's column mapping: says when a saved profile was applied; puts an uncertain
    mapping to the uploader as a form before the values report. Returns whether the page
    must stop here (a mapping waits for confirmation)."""
    layouts = list({m.signature: m for m in reversed(checked.mappings)}.values())[::-1]
    for mapping in layouts:   # sheets of one layout (本部, 分校) are confirmed once
        if mapping.profile_applied:
            st.info(t("mapping_applied", lang, signature=mapping.signature))
            with st.expander(t("mapping_used", lang)):
                st.dataframe(_used_table(mapping, lang), hide_index=True)
    pending = [m for m in layouts if m.ask]
    if not pending:
        return False
    st.subheader(t("mapping_title", lang))
    st.write(t("mapping_intro", lang))
    for mapping in pending:
        _confirm_form(mapping, lang, actor)
    if not checked.preview.empty:
        st.caption(t("mapping_wait", lang))
        st.dataframe(checked.preview.rename_axis(t("preview_row", lang)))
    return True
