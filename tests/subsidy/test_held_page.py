"""The subsidy page's held list (待核实): shown after a run, decided on with a reason."""

from __future__ import annotations

import pytest

from core.audit import audit_log
from energy.subsidy import SubsidyStore
from tests.dashboard_helpers import demo_database, run_page

RUN = {"zh": "开始评审排序", "en": "Run the ranking"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("held") / "demo.duckdb")


def _ranked(app, lang="zh"):
    next(b for b in app.button if b.label == RUN[lang]).click().run()
    assert not app.exception, app.exception
    return app


def _held_table(app):
    return next(d.value for d in app.dataframe if "待核实原因" in d.value.columns)


def test_held_applications_are_listed_apart_with_what_to_ask(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = _ranked(run_page("subsidy_page"))
    assert any("待核实" in h.value for h in app.subheader)
    held = _held_table(app)
    assert len(held) >= 1 and held["需向学校了解"].str.len().gt(0).all()
    ranking = app.dataframe[0].value
    assert not set(held["申请编号"]) & set(ranking["申请编号"])


def test_english_view_shows_the_english_reason(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = _ranked(run_page("subsidy_page", "en"), "en")
    held = next(d.value for d in app.dataframe if "Why it is held" in d.value.columns)
    text = " ".join(held["Why it is held"])
    assert "bound" in text and not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_confirming_a_held_claim_is_recorded_and_lifts_the_hold(demo_db, tmp_path,
                                                                monkeypatch):
    db = tmp_path / "demo.duckdb"
    db.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    app = _ranked(run_page("subsidy_page", user="chair"))
    before = list(_held_table(app)["申请编号"])
    first = before[0]
    pick = next(s for s in app.selectbox if s.label == "核实申请")
    pick.set_value(first)
    next(t for t in app.text_input if t.label.startswith("理由")).input("学校提供了电费单")
    next(b for b in app.button if b.label == "记录核实结论").click().run()
    assert not app.exception, app.exception
    assert any(first in m.value for m in app.success)
    with SubsidyStore(db) as store:
        decided = store.clarifications()
        log = audit_log(store.survey)
    assert list(decided["application_id"]) == [first] and decided["actor"].iloc[0] == "chair"
    assert (log["action"] == "claim_confirmed").sum() == 1
    _ranked(app)
    still = [d.value for d in app.dataframe if "待核实原因" in d.value.columns]
    remaining = list(still[0]["申请编号"]) if still else []
    assert first not in remaining and len(remaining) == len(before) - 1


def test_a_decision_without_reason_is_refused(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "demo.duckdb"
    db.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    app = _ranked(run_page("subsidy_page"))
    next(b for b in app.button if b.label == "记录核实结论").click().run()
    assert any("理由" in e.value for e in app.error)
    with SubsidyStore(db) as store:
        assert store.clarifications().empty


def test_the_chair_chooses_zscore_and_it_is_stored_with_the_run(demo_db, tmp_path,
                                                                 monkeypatch):
    import json

    db = tmp_path / "demo.duckdb"
    db.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db))
    app = run_page("subsidy_page")
    choice = next(r for r in app.radio if r.label == "专家评分汇总方式")
    choice.set_value("zscore").run()
    _ranked(app)
    with SubsidyStore(db) as store:
        run = store.run(int(store.runs()["run_id"].iloc[0]))
    assert json.loads(run["parameters_json"])["expert_combination"] == "zscore"
