"""The dashboard starts, in both languages, on an empty and on a filled store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from surveys.config import PROJECT_ROOT
from surveys.store import SurveyStore
from tests.surveys.conftest import BUILDINGS, SCHOOL, template_prefilled

APP = PROJECT_ROOT / "app.py"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(path))
    return path


def run_app(lang_choice: str = "中文") -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.run()
    if lang_choice != "中文":
        app.sidebar.radio[0].set_value(lang_choice).run()
    return app


@pytest.mark.parametrize("lang,expected", [("中文", "还没有调研数据"), ("English", "No survey data yet")])
def test_empty_store_explains_what_to_do(db, lang, expected):
    app = run_app(lang)
    assert not app.exception
    assert any(expected in info.value for info in app.info)


@pytest.mark.parametrize("lang,label", [("中文", "建筑数"), ("English", "Buildings")])
def test_survey_table_shows_stored_buildings(db, lang, label):
    with SurveyStore(db) as store:
        assert store.import_bytes(template_prefilled(SCHOOL, BUILDINGS), "s.xlsx").status == "stored"
    app = run_app(lang)
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[label] == str(len(BUILDINGS))
    buildings = app.dataframe[1].value
    assert len(buildings) == len(BUILDINGS)
