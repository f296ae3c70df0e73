"""Helpers for dashboard tests: run one page in a chosen language with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page_script(module: str, lang: str) -> None:
    import importlib

    import streamlit as st

    st.session_state["lang"] = lang
    importlib.import_module(f"dashboard.{module}").render()


def run_page(module: str, lang: str = "zh", timeout: float = 60) -> AppTest:
    app = AppTest.from_function(_page_script, args=(module, lang), default_timeout=timeout)
    return app.run()
