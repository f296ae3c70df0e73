"""列对应配置 Column mappings: the committee lists, edits and deletes saved mapping profiles."""

from __future__ import annotations

import streamlit as st

from core import profiles
from core.audit_text import actor_text
from core.outputs import MAPPING_PROFILES
from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.mapping_section import choose_fields
from dashboard.state import language, store
from dashboard.widgets import table as show_table
from sheets.mapping import MappingRow, check_choices
from surveys.mappings import spec_named

FLASH = "mappings_done"


def _spec_title(name: str, lang: str) -> str:
    """The sheet type a profile reads, as people call it (调研表, 学校名单)."""
    try:
        spec = spec_named(name)
    except KeyError:
        return name
    return spec.title_zh if lang == "zh" else spec.title_en


def _rows(profile: profiles.Profile) -> list[MappingRow]:
    """The profile's headers as rows of the shared drop-down table (column = position)."""
    headers = list(profile.headers) or list(profile.mapping)
    level = {True: "confirmed", False: "declined"}
    return [MappingRow(i, "", h, profile.mapping.get(h), level[bool(profile.mapping.get(h))],
                       1.0) for i, h in enumerate(headers)]


def _edit(profile: profiles.Profile, user: str, lang: str) -> None:
    try:
        spec = spec_named(profile.spec_name)
    except KeyError:   # a sheet type this product no longer reads: shown, not edited
        st.json(profile.mapping)
        return
    rows = _rows(profile)
    with st.form(f"edit_{profile.signature}"):
        choices = choose_fields(rows, spec, lang, f"edit_{profile.signature}")
        save = st.form_submit_button(t("mappings_save", lang), type="primary")
    if not save:
        return
    problems = check_choices(rows, choices, spec)
    for zh, en in problems:
        st.error(zh if lang == "zh" else en)
    changed = [r for r in rows if choices[r.column] != r.proposed]
    if problems:
        return
    if not changed:
        st.info(t("mappings_unchanged", lang))
        return
    for row in changed:
        profiles.set_field(store(), profile.signature, row.header, choices[row.column], user)
    st.session_state[FLASH] = t("mappings_saved", lang, n=len(changed))
    st.rerun()


def _delete(profile: profiles.Profile, user: str, lang: str) -> None:
    sure = st.checkbox(t("mappings_delete_ok", lang), key=f"sure_{profile.signature}")
    if st.button(t("mappings_delete", lang), disabled=not sure):
        profiles.delete_profile(store(), profile.signature, user)
        st.session_state[FLASH] = t("mappings_deleted", lang, signature=profile.signature)
        st.rerun()


def render() -> None:
    lang = language()
    user = require_committee()
    st.title(t("mappings_title", lang))
    st.write(t("mappings_intro", lang))
    if FLASH in st.session_state:   # what the last change did, shown after its rerun
        st.success(st.session_state.pop(FLASH))
    table = profiles.profile_frame(store())
    if table.empty:
        st.info(t("mappings_none", lang))
        return
    table["spec_name"] = table["spec_name"].map(lambda name: _spec_title(name, lang))
    for who in ("created_by", "updated_by"):   # 学校 3101…, not school:3101…
        table[who] = table[who].map(lambda actor: actor_text(actor, lang))
    show_table(table, MAPPING_PROFILES, lang)
    saved = {p.signature: p for p in profiles.list_profiles(store())}
    signature = st.selectbox(t("mappings_pick", lang), list(saved), format_func=lambda s: (
        f"{s} · {_spec_title(saved[s].spec_name, lang)} · {' | '.join(saved[s].headers[:4])}"))
    _edit(saved[signature], user, lang)
    _delete(saved[signature], user, lang)
