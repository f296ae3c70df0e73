"""The dashboard starts, in both languages, on an empty and on a filled store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.access import add_account
from core.config import PROJECT_ROOT
from surveys.store import SurveyStore
from tests.dashboard_helpers import run_page
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

APP = PROJECT_ROOT / "app.py"


PASSWORD = "correct horse battery"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(path))
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(tmp_path / "accounts.json"))
    add_account("wang", PASSWORD)
    return path


def run_app(lang_choice: str = "中文", sign_in: bool = True) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.run()
    if lang_choice != "中文":
        app.sidebar.radio[0].set_value(lang_choice).run()
    if sign_in:
        app.sidebar.text_input[0].input("wang")
        app.sidebar.text_input[1].input(PASSWORD)
        app.sidebar.button[0].click().run()
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
    app = run_app(lang)  # the overview
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[label] == str(len(BUILDINGS))
    table = run_page("survey_page", "zh" if lang == "中文" else "en")
    assert len(table.dataframe[1].value) == len(BUILDINGS)



XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(data: bytes, name: str = "sheet.xlsx") -> AppTest:
    app = run_page("upload_page")  # as a signed-in committee member
    app.file_uploader[0].set_value((name, data, XLSX)).run()
    assert not app.exception
    return app


def submit_button(app: AppTest):
    return next(b for b in app.button if b.label == "提交")


def test_upload_good_sheet_stores_it(db):
    app = upload(template_prefilled(SCHOOL, BUILDINGS))
    assert any("检查通过" in s.value for s in app.success)
    submit_button(app).click().run()
    assert not app.exception
    assert any("已提交" in s.value for s in app.success)
    with SurveyStore(db) as store:
        assert store.counts()["buildings"] == len(BUILDINGS)


def test_bad_sheet_shows_located_errors_and_stores_nothing(db):
    bad = template_prefilled(SCHOOL, [dict(BUILDINGS[0], roof_area_m2="2000-2500")])
    app = upload(bad)
    assert any("1 个错误" in e.value for e in app.error)
    report = app.dataframe[0].value
    assert list(report["单元格"]) == ["F17"] and "2000-2500" in report["说明"][0]
    assert not [b for b in app.button if b.label == "提交"]
    with SurveyStore(db) as store:
        assert store.counts()["uploads"] == 0


def test_warnings_need_a_tick_before_submitting(db):
    warned = template_prefilled(SCHOOL, [dict(BUILDINGS[0], roof_area_m2=9000, gross_floor_area_m2=8600)])
    app = upload(warned)
    assert submit_button(app).disabled
    app.checkbox[0].check().run()
    assert not submit_button(app).disabled
    submit_button(app).click().run()
    with SurveyStore(db) as store:
        assert store.counts()["submissions"] == 1


def test_signed_out_visitors_reach_only_the_upload_page(db):
    app = run_app(sign_in=False)
    assert not app.exception
    assert app.title[0].value == "学校上传"
    assert any(t.label == "学校上传码" for t in app.text_input)
    assert not app.metric, "no committee figures for a visitor"
