"""campus-energy dashboard: page config, language switch and navigation only."""

from __future__ import annotations

import streamlit as st

from dashboard import (
    completeness_page,
    overview_page,
    pv_page,
    subsidy_page,
    survey_page,
    upload_page,
)
from dashboard.i18n import t

st.set_page_config(page_title="校园节能与光伏 Campus energy", page_icon="☀️", layout="wide")

with st.sidebar:
    choice = st.radio("语言 Language", ["中文", "English"], horizontal=True, key="lang_choice")
    st.session_state["lang"] = "zh" if choice == "中文" else "en"
lang = st.session_state["lang"]

pages = [
    st.Page(overview_page.render, title=t("page_overview", lang), url_path="overview",
            default=True),
    st.Page(upload_page.render, title=t("page_upload", lang), url_path="upload"),
    st.Page(pv_page.render, title=t("page_pv", lang), url_path="pv"),
    st.Page(subsidy_page.render, title=t("page_subsidy", lang), url_path="subsidy"),
    st.Page(completeness_page.render, title=t("page_completeness", lang),
            url_path="completeness"),
    st.Page(survey_page.render, title=t("page_surveys", lang), url_path="surveys"),
]
st.navigation(pages).run()
