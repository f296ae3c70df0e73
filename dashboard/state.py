"""Session-wide resources: the language choice and one cached store connection."""

from __future__ import annotations

import streamlit as st

from surveys.config import db_path
from surveys.store import SurveyStore


@st.cache_resource
def _store(path: str) -> SurveyStore:
    return SurveyStore(path)


def store() -> SurveyStore:
    """The survey store at the configured path, opened once per server process."""
    return _store(str(db_path()))


def language() -> str:
    """``"zh"`` (default) or ``"en"``, from the sidebar switch."""
    return st.session_state.get("lang", "zh")
