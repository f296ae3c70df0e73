"""Helpers for dashboard tests: run one page in a chosen language with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page_script(module: str, lang: str, user: str | None) -> None:
    import importlib

    import streamlit as st

    st.session_state["lang"] = lang
    if user:
        st.session_state["committee_user"] = user
    importlib.import_module(f"dashboard.{module}").render()


def run_page(module: str, lang: str = "zh", timeout: float = 60,
             user: str | None = "tester") -> AppTest:
    """Run one page as a signed-in committee member (``user=None``: signed out)."""
    app = AppTest.from_function(_page_script, args=(module, lang, user),
                                default_timeout=timeout)
    return app.run()


def demo_database(path, n_schools: int = 40, n_applications: int = 24):
    """A DuckDB file at ``path`` with demo schools and demo subsidy applications (a copy of
    the run's, :mod:`tests.demo_cache`)."""
    from tests.demo_cache import subsidy_demo

    subsidy_demo(path, n_schools, n_applications)
    return path
