"""campus-energy dashboard: page config, language, sign-in and navigation only."""

from __future__ import annotations

import streamlit as st

from core.store import DatabaseBusy
from dashboard import (
    access_page,
    chair_section,
    completeness_page,
    mappings_page,
    overview_page,
    plan_page,
    pv_page,
    review_page,
    round_page,
    state,
    subsidy_page,
    survey_page,
    upload_page,
)
from dashboard.auth import committee_user, reviewer_user, sign_in_panel
from dashboard.i18n import t
from dashboard.subsidy_text import s

st.set_page_config(page_title="校园节能与光伏 Campus energy", page_icon="☀️", layout="wide")
state.start_once()   # private files, and the isolated parser worker warmed up

with st.sidebar:
    # The choice lives in session state (not only in the widget) so that it survives
    # sign-in and page switches.
    current = st.session_state.get("lang", "zh")
    choice = st.radio("语言 Language", ["中文", "English"], horizontal=True,
                      index=0 if current == "zh" else 1, key="lang_choice")
    st.session_state["lang"] = "zh" if choice == "中文" else "en"
    lang = st.session_state["lang"]
    sign_in_panel()

upload = st.Page(upload_page.render, title=t("page_upload", lang), url_path="upload")
if committee_user():
    overview = st.Page(overview_page.render, title=t("page_overview", lang),
                       url_path="overview", default=True)
    pages = [
        overview,
        upload,
        st.Page(pv_page.render, title=t("page_pv", lang), url_path="pv"),
        st.Page(subsidy_page.render, title=t("page_subsidy", lang), url_path="subsidy"),
        st.Page(chair_section.render, title=s("page_panel", lang), url_path="panel"),
        st.Page(completeness_page.render, title=t("page_completeness", lang),
                url_path="completeness"),
        st.Page(round_page.render, title=t("page_round", lang), url_path="round"),
        st.Page(plan_page.render, title=t("page_plan", lang), url_path="plan"),
        st.Page(survey_page.render, title=t("page_surveys", lang), url_path="surveys"),
        st.Page(access_page.render, title=t("page_access", lang), url_path="access"),
        st.Page(mappings_page.render, title=t("page_mappings", lang), url_path="mappings"),
    ]
elif reviewer_user():  # an expert: their own review page and nothing else
    review = st.Page(review_page.render, title=s("page_review", lang), url_path="review",
                     default=True)
    pages = [review]
else:  # signed out: schools upload with their code; committee pages are not reachable
    pages = [upload]
navigation = st.navigation(pages)
if st.session_state.pop("just_signed_in", False):
    if committee_user():
        st.switch_page(overview)
    elif reviewer_user():
        st.switch_page(review)
try:
    navigation.run()
except DatabaseBusy as busy:  # another program's long write: say so, the click can be repeated
    st.error(busy.message_zh if lang == "zh" else busy.message_en)
