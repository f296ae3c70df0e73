"""The upload page's column-mapping form, run by Streamlit's AppTest on a real database: in
English, a contradictory choice refused with nothing saved, a confirmed one saved and the
sheet checked again with it."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from core import profiles
from surveys.store import SurveyStore
from tests.dashboard_helpers import run_page
from tests.surveys.mapping_fixtures import BUILDINGS_A, CONFIRMED, CORRECTIONS, SCHOOL_A, own_layout
from tests.test_page_walk import page_problems

SHEET = own_layout(SCHOOL_A, BUILDINGS_A)


def _script(lang: str, data: bytes) -> None:
    import streamlit as st

    from dashboard.mapping_section import confirm_mapping
    from dashboard.state import UPLOAD_CHECK, once_per_file, store
    from surveys.intake import check_upload_isolated
    from surveys.mappings import survey_profiles

    checked = once_per_file(UPLOAD_CHECK, data, lambda: check_upload_isolated(
        data, "own.xlsx", survey_profiles(store())))
    if not confirm_mapping(checked, lang, "school:3101159901"):
        st.write("values checked")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "campus_energy.duckdb"
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(path))
    return path


def form(lang: str = "en") -> AppTest:
    return AppTest.from_function(_script, args=(lang, SHEET), default_timeout=60).run()


def saved(db) -> list:
    with SurveyStore(db) as store:
        return profiles.list_profiles(store)


def test_the_form_speaks_english_and_proposes_no_guess(db):
    app = form("en")
    assert not app.exception, app.exception
    assert app.subheader[0].value == "Column mapping (please confirm)"
    boxes = {box.label: box for box in app.selectbox}
    assert boxes["竣工时间"].value == "year_built"
    assert boxes["情况说明"].value is None  # a guess is not proposed
    assert "Year built" in boxes["竣工时间"].options and "not read" in boxes["序号"].options
    assert any("perhaps 'Notes', not read" in m.value for m in app.markdown)
    assert not any(m.value == "values checked" for m in app.markdown)


def test_a_field_chosen_twice_is_refused_and_nothing_is_saved(db):
    app = form("zh")
    boxes = {box.label: box for box in app.selectbox}
    boxes["序号"].set_value("year_built")
    app = app.button[0].click().run()
    assert any("被选给了两列" in e.value for e in app.error), [e.value for e in app.error]
    assert saved(db) == []


def test_a_confirmed_mapping_is_saved_and_the_sheet_read_with_it(db):
    app = form("en")
    boxes = {box.label: box for box in app.selectbox}
    for header, (_, name) in CORRECTIONS.items():
        boxes[header].set_value(name)
    app = app.button[0].click().run()
    assert not app.exception, app.exception
    [profile] = saved(db)
    assert profile.mapping == CONFIRMED and profile.created_by == "school:3101159901"
    assert any("Read with a saved mapping" in i.value for i in app.info)
    assert any(m.value == "values checked" for m in app.markdown)
    assert not app.subheader  # nothing asked any more


def test_two_sheets_of_one_layout_are_confirmed_once(db):
    from tests.surveys.mapping_fixtures import BUILDINGS_B

    two = own_layout(SCHOOL_A, BUILDINGS_A, branch=BUILDINGS_B)
    app = AppTest.from_function(_script, args=("zh", two), default_timeout=60).run()
    assert not app.exception, app.exception
    assert len(app.button) == 1  # one form for the layout, whatever the number of sheets
    for header, (_, name) in CORRECTIONS.items():
        {box.label: box for box in app.selectbox}[header].set_value(name)
    app = app.button[0].click().run()
    assert not app.exception, app.exception
    assert len(saved(db)) == 1
    assert any(m.value == "values checked" for m in app.markdown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_committee_reads_who_confirmed_a_profile_and_when(lang, db):
    app = form(lang)
    boxes = {box.label: box for box in app.selectbox}
    for header, (_, name) in CORRECTIONS.items():
        boxes[header].set_value(name)
    app.button[0].click().run()
    page = run_page("mappings_page", lang, timeout=90)
    assert not page_problems(page, lang), page_problems(page, lang)
    [row] = page.dataframe[0].value.to_dict("records")
    assert row["确认人" if lang == "zh" else "Confirmed by"] == (
        "学校 3101159901" if lang == "zh" else "school 3101159901")
    [profile] = saved(db)
    beijing = profile.created_at + dt.timedelta(hours=8)
    assert row["确认时间" if lang == "zh" else "Confirmed"] == beijing.strftime("%Y-%m-%d %H:%M")
