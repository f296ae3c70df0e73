"""Every page runs without exception in both languages, on demo data and on an empty store."""

from __future__ import annotations

import pytest

from tests.dashboard_helpers import demo_database, run_page

PAGES = ["overview_page", "upload_page", "pv_page", "subsidy_page", "completeness_page",
         "survey_page", "mappings_page"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("demo") / "demo.duckdb")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_on_demo_data(page, lang, demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page(page, lang)
    assert not app.exception, app.exception
    assert app.title, "every page has a title"
    title = app.title[0].value
    assert any("\u4e00" <= ch <= "\u9fff" for ch in title) == (lang == "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_on_empty_store(page, lang, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(tmp_path / "empty.duckdb"))
    app = run_page(page, lang)
    assert not app.exception, app.exception
    messages = " ".join(i.value for i in app.info)
    if page == "subsidy_page":
        assert ("还没有奖补申请" if lang == "zh" else "No applications yet") in messages
    elif page == "mappings_page":
        assert ("还没有保存的列对应配置" if lang == "zh" else "No saved column mappings") in messages
    elif page != "upload_page":
        assert ("还没有调研数据" if lang == "zh" else "No survey data yet") in messages


def test_overview_filters_change_the_totals(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("overview_page")
    before = {m.label: m.value for m in app.metric}
    app.multiselect[0].set_value(["浦东新区"]).run()
    after = {m.label: m.value for m in app.metric}
    assert not app.exception
    assert int(after["建筑数"].replace(",", "")) < int(before["建筑数"].replace(",", ""))


def test_pv_page_recalculates_with_changed_assumptions(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("pv_page")
    kwp_before = app.metric[0].value
    density = next(n for n in app.number_input if n.key == "a_module_power_density_w_m2")
    density.set_value(105.0)
    app.button[0].click().run()  # the form's recalculate button
    assert not app.exception
    kwp_after = app.metric[0].value
    before, after = (float(v.replace(",", "")) for v in (kwp_before, kwp_after))
    assert after == pytest.approx(before / 2, rel=0.02)


def _ranked_ids(app) -> list[str]:
    return list(app.dataframe[0].value["申请编号"])


def test_rubric_weight_change_reorders_the_ranking(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("subsidy_page")
    run = next(b for b in app.button if b.label == "开始评审排序")
    run.click().run()
    assert not app.exception, app.exception
    before = _ranked_ids(app)
    assert len(before) > 3
    for weight in app.number_input:
        if weight.key and weight.key.startswith("w_") and weight.key != "w_co_funding":
            weight.set_value(0.0)
    next(n for n in app.number_input if n.key == "w_co_funding").set_value(100.0)
    next(b for b in app.button if b.label == "开始评审排序").click().run()
    assert not app.exception, app.exception
    after = _ranked_ids(app)
    assert sorted(after) == sorted(before) and after != before
