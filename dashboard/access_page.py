"""上传码与日志 Codes and audit: issue and revoke school upload codes; the audit trail."""

from __future__ import annotations

import streamlit as st

from core import access
from core.outputs import UPLOAD_CODES
from dashboard.auth import require_committee
from dashboard.i18n import t
from dashboard.state import language, store
from dashboard.widgets import audit_view, table


def render() -> None:
    lang = language()
    user = require_committee()
    st.title(t("access_title", lang))
    left, right = st.columns(2)
    with left.form("issue_code"):
        school = st.text_input(t("issue_for", lang))
        days = st.number_input(t("valid_days", lang), min_value=1, max_value=366,
                               value=access.DEFAULT_CODE_DAYS)
        issue = st.form_submit_button(t("issue", lang), type="primary")
    if issue and school.strip():
        _, code = access.issue_code(store(), school.strip(), user, int(days))
        left.success(t("code_issued", lang, school=school.strip()))
        left.code(code, language=None)
    with right.form("revoke_code"):
        code_id = st.number_input(t("revoke_id", lang), min_value=1, step=1)
        revoke = st.form_submit_button(t("revoke", lang))
    if revoke:
        revoked = access.revoke_codes(store(), user, code_id=int(code_id))
        right.info(t("revoked", lang, ids=", ".join(map(str, revoked)) or "–"))
    st.subheader(t("codes_title", lang))
    table(access.upload_codes(store()), UPLOAD_CODES, lang)
    st.subheader(t("audit_title", lang))
    audit_view(store(), lang)
