"""The reviewer's page and the chair's section (AppTest, real DuckDB file and accounts)."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from energy.subsidy import SubsidyStore, online
from tests.subsidy.online_fixtures import CHAIR, reviewer_database
from tests.test_page_walk import page_problems


def _script(module: str, lang: str, reviewer: str | None, chair: str | None) -> None:
    import importlib

    import streamlit as st

    st.session_state["lang"] = lang
    if reviewer:
        st.session_state["reviewer_user"] = reviewer
    if chair:
        st.session_state["committee_user"] = chair
    importlib.import_module(f"dashboard.{module}").render()


def _forced(reviewer: str, app_id: str) -> None:
    """The page's application view given an id no widget offered (a forged widget state)."""
    from dashboard import review_page
    from dashboard.state import store
    from energy.subsidy import SubsidyStore

    review_page._one_application(SubsidyStore(store()), reviewer, app_id, "zh")


def _run(module: str, lang: str = "zh", reviewer: str | None = None,
         chair: str | None = None) -> AppTest:
    app = AppTest.from_function(_script, args=(module, lang, reviewer, chair),
                                default_timeout=90)
    return app.run()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return reviewer_database(tmp_path_factory.mktemp("review_page"))


@pytest.fixture
def env(seeded, tmp_path, monkeypatch):
    db, accounts = tmp_path / "demo.duckdb", tmp_path / "accounts.json"
    shutil.copy(seeded["db"], db)
    shutil.copy(seeded["accounts"], accounts)
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(accounts))
    ids = list(seeded["apps"]["application_id"])
    with SubsidyStore(db) as sub:
        online.assign(sub, "zhao", ids[1:3], CHAIR)
        online.assign(sub, "li", [ids[2]], CHAIR)
    return db, ids


def _button(app, label):
    return next(b for b in app.button if b.label == label)


def test_a_reviewer_sees_only_the_applications_assigned(env):
    db, ids = env
    app = _run("review_page", reviewer="zhao")
    assert not page_problems(app, "zh"), page_problems(app, "zh")
    listed = app.dataframe[0].value["申请编号"]
    assert sorted(listed) == sorted(ids[1:3])
    pick = app.selectbox[0]
    assert sorted(pick.options) == sorted(ids[1:3])
    forced = AppTest.from_function(_forced, args=("zhao", ids[0]), default_timeout=90).run()
    assert any("未分配给您" in e.value for e in forced.error)
    assert not forced.dataframe and not forced.number_input and not forced.button


def test_a_committee_member_is_not_a_reviewer(env):
    app = _run("review_page", chair=CHAIR)
    assert any("评审专家" in w.value for w in app.warning) and not app.dataframe


def test_declare_score_submit_then_see_the_panel(env):
    db, ids = env
    app = _run("review_page", reviewer="zhao")
    app.selectbox[0].set_value(ids[2]).run()
    _button(app, "确认申报").click().run()      # no conflict (the default choice)
    assert not app.exception, app.exception
    assert any("其他专家" in c.value for c in app.caption)
    for box in app.number_input:
        box.set_value(4.0)
    app.text_input[0].input("有科普展示")
    _button(app, "提交评分（提交后不能修改）").click().run()
    assert any("已提交" in m.value for m in app.success), [m.value for m in app.success]
    panel = app.dataframe[-1].value
    assert set(panel["评审专家"]) == {"zhao"}
    with SubsidyStore(db) as sub:
        reviews = sub.current_reviews()
    ours = reviews[(reviews["reviewer_id"] == "zhao") & (reviews["application_id"] == ids[2])]
    assert len(ours) == len(online.CRITERIA) and (ours["score"] == 4.0).all()
    assert not page_problems(app, "zh"), page_problems(app, "zh")


def test_a_declared_conflict_stands_the_reviewer_aside(env):
    db, ids = env
    app = _run("review_page", "en", reviewer="zhao")
    app.selectbox[0].set_value(ids[1]).run()
    app.radio[0].set_value(True)
    app.text_input[0].input("Former teacher there")
    _button(app, "Declare").click().run()
    assert any(ids[1] in m.value for m in app.success)
    assert any("stands aside" in i.value for i in app.info)
    assert not app.number_input
    assert not page_problems(app, "en"), page_problems(app, "en")


def test_the_chair_assigns_in_turn_follows_progress_and_closes(env):
    db, ids = env
    app = _run("chair_section", chair=CHAIR)
    assert not page_problems(app, "zh"), page_problems(app, "zh")
    progress = app.dataframe[0].value.set_index("账号")
    assert progress.loc["zhao", "分配"] == "2" and progress.loc["li", "分配"] == "1"
    _button(app, "轮流分配").click().run()
    assert any("已分配" in m.value for m in app.success)
    with SubsidyStore(db) as sub:
        made = online.assignments(sub)
    per_app = made.groupby("application_id").size()
    assert len(per_app) == len(ids) and per_app.max() <= 3
    _button(app, "结束评分").click().run()
    assert any("已结束" in c.value for c in app.caption)
    with SubsidyStore(db) as sub:
        assert not online.scoring_open(sub)
    reviewer = _run("review_page", reviewer="zhao")
    assert any("评分已结束" in w.value for w in reviewer.warning)


def test_the_chair_adds_a_reviewer_with_a_password_shown_once(env):
    db, _ = env
    app = _run("chair_section", "en", chair=CHAIR)
    form = [t for t in app.text_input]
    form[0].input("qian")
    form[1].input("Qian")
    form[3].input("黄浦区")
    _button(app, "Add").click().run()
    added = next(m.value for m in app.success if "qian" in m.value)
    password = added.rsplit(" ", 1)[-1]
    from core import access
    assert access.account_role("qian") == access.REVIEWER
    assert access.verify_password("qian", password)
    with SubsidyStore(db) as sub:
        profile = access.reviewer_profiles(sub.survey).set_index("account").loc["qian"]
    assert profile["district"] == "黄浦区"


def test_signing_in_as_a_reviewer_opens_the_review_page_and_nothing_else(env):
    from core.config import PROJECT_ROOT
    from tests.subsidy.online_fixtures import PASSWORD

    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90).run()
    app.sidebar.text_input[0].input("zhao")
    app.sidebar.text_input[1].input(PASSWORD)
    app.sidebar.button[0].click().run()
    assert not app.exception, app.exception
    assert app.session_state["reviewer_user"] == "zhao"
    assert "committee_user" not in app.session_state
    assert any(t.value == "专家在线评审" for t in app.title)
    assert len(app.dataframe[0].value) == 2
