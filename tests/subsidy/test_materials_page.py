"""Materials on the pages (AppTest, real DuckDB file and accounts): the committee's section
lists and hands out files, a reviewer sees those of the application being reviewed only."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from energy.subsidy import SubsidyStore, online
from energy.subsidy import materials as mat
from tests.subsidy import material_files as files
from tests.subsidy.online_fixtures import CHAIR, reviewer_database
from tests.test_page_walk import page_problems


def _script(lang: str, reviewer: str | None, forced: str | None) -> None:
    import streamlit as st

    from dashboard import materials_section
    from dashboard.state import store
    from energy.subsidy import SubsidyStore

    st.session_state["lang"] = lang
    if reviewer:
        materials_section.render_for_reviewer(SubsidyStore(store()), reviewer, forced, lang)
    else:
        st.session_state["committee_user"] = "chair"
        materials_section.render(lang)


def _run(lang: str = "zh", reviewer: str | None = None, forced: str | None = None) -> AppTest:
    return AppTest.from_function(_script, args=(lang, reviewer, forced),
                                 default_timeout=90).run()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return reviewer_database(tmp_path_factory.mktemp("materials_page"), n_schools=12,
                             n_applications=5)


@pytest.fixture
def env(seeded, tmp_path, monkeypatch):
    db = tmp_path / "demo.duckdb"
    shutil.copy(seeded["db"], db)
    shutil.copy(seeded["accounts"], tmp_path / "accounts.json")
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(tmp_path / "accounts.json"))
    ids = sorted(seeded["apps"]["application_id"])
    with SubsidyStore(db) as sub:
        online.assign(sub, "zhao", [ids[1]], CHAIR)
        mat.add_material(sub, ids[0], files.good_pdf(), "预算.pdf", CHAIR)
        mat.add_material(sub, ids[1], files.good_png((800, 400)), "屋顶.png", CHAIR)
        mat.add_material(sub, ids[2], files.good_xlsx(), "明细.xlsx", CHAIR)
    return db, ids


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_committee_sees_and_downloads_an_applications_files(env, lang):
    db, ids = env
    app = _run(lang)
    assert not page_problems(app, lang), page_problems(app, lang)
    assert list(app.dataframe[0].value.iloc[:, 0]) == ["预算.pdf"]
    assert app.get("download_button"), "no download button"
    app.selectbox(key="materials_application").set_value(ids[2]).run()
    assert list(app.dataframe[0].value.iloc[:, 0]) == ["明细.xlsx"]
    app.button(key="materials_withdraw").click().run()
    assert any("明细.xlsx" in m.value for m in app.success)
    with SubsidyStore(db) as sub:
        assert mat.materials(sub, ids[2]).empty


def test_a_reviewer_sees_the_files_of_the_assigned_application_with_pictures(env):
    db, ids = env
    app = _run(reviewer="zhao", forced=ids[1])
    assert not page_problems(app, "zh"), page_problems(app, "zh")
    assert list(app.dataframe[0].value["文件名"]) == ["屋顶.png"]
    assert app.get("image"), "the picture is not shown"
    assert app.get("download_button")


def test_a_reviewer_given_another_applications_id_sees_nothing_of_it(env):
    db, ids = env
    app = _run(reviewer="zhao", forced=ids[0])
    assert any("未分配给您" in e.value for e in app.error)
    assert not app.dataframe and not app.get("download_button")
