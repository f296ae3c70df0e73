"""The subsidy page's rounds (AppTest, demo data): the round picker, intentions by district
and type, 成效 with the trail, the comparison and the chart, a school's history."""

from __future__ import annotations

import pytest

from energy.subsidy import SubsidyStore
from energy.subsidy.rounds import get_round
from tests.dashboard_helpers import demo_database, run_page

RUN = {"zh": "开始评审排序", "en": "Run the ranking"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("rounds") / "demo.duckdb", 24, 16)


def _frame_with(app, header: str):
    return next(d.value for d in app.dataframe if header in d.value.columns)


def _picker(app, label: str = "评审轮次"):
    return next(s for s in app.selectbox if s.label == label)


@pytest.mark.slow
def test_current_round_by_default_then_the_decided_one(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("subsidy_page")
    assert not app.exception, app.exception
    picker = _picker(app)
    assert picker.value == "2026" and list(picker.options)[:2] == ["2026年度：评审中",
                                                                   "2025年度：已决定"]
    demand = _frame_with(app, "意向项目数")
    assert len(demand) >= 1 and "所在区" in demand.columns
    assert any(b.label == RUN["zh"] for b in app.button)
    assert any("申请补助总额的 40%" in c.value for c in app.caption)
    picker.set_value("2025").run()
    assert not app.exception, app.exception
    assert not any(b.label == RUN["zh"] for b in app.button)   # decided: read only
    trail = _frame_with(app, "记录人")
    assert {"已获奖补", "在建", "已验收"} <= set(trail["状态"])
    compared = _frame_with(app, "申报 ÷ 实测")
    assert len(compared) >= 1
    ratios = compared["申报 ÷ 实测"].astype(float)
    assert (ratios > 1).all()   # the demo's claims run above their results
    assert len(app.get("plotly_chart")) == 1
    evidence = _frame_with(app, "证据所示")
    with SubsidyStore(demo_db) as sub:
        assert len(evidence) == len(get_round(sub, "2025").rubric().bounds)


@pytest.mark.slow
def test_a_schools_history_one_click_away_in_english(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    with SubsidyStore(demo_db) as sub:
        past = set(sub.current_applications("2025")["school_code"])
        both = sorted(past & set(sub.current_applications("2026")["school_code"]))
    assert both, "the demo has schools applying in both rounds"
    app = run_page("subsidy_page", "en")
    school = _picker(app, "School")
    school.set_value(both[0]).run()
    assert not app.exception, app.exception
    history = _frame_with(app, "Outcome")
    assert set(history["Round"]) == {"2025年度", "2026年度"}


def test_running_the_ranking_stores_the_budget_in_the_round(demo_db, tmp_path, monkeypatch):
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(copy))
    with SubsidyStore(copy) as sub:
        assert get_round(sub, "2026").budget_cny is None
    app = run_page("subsidy_page")
    next(b for b in app.button if b.label == RUN["zh"]).click().run(timeout=120)
    assert not app.exception, app.exception
    with SubsidyStore(copy) as sub:
        stored = get_round(sub, "2026").budget_cny
        assert stored is not None and stored > 0
        assert sub.runs("2026")["budget_cny"].tolist() == [stored]


@pytest.mark.slow
def test_the_pages_budget_is_the_rounds(demo_db, tmp_path, monkeypatch):
    """No budget set: the round's default rule (its share of the subsidy requested); set:
    the round's amount. The page holds no rule of its own."""
    from energy.subsidy.rounds import budget_of, set_budget

    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(copy))
    with SubsidyStore(copy) as sub:
        the_round = get_round(sub, "2026")
        default = budget_of(the_round, sub.current_applications("2026"))
    app = run_page("subsidy_page")
    budget = next(n for n in app.number_input if n.label == "预算（万元）")
    assert default.is_default and budget.value == pytest.approx(default.amount_cny / 1e4)
    assert any(f"{the_round.budget_default_share:.0%}" in c.value for c in app.caption)
    with SubsidyStore(copy) as sub:
        set_budget(sub, "2026", default.amount_cny + 1_230_000.0, "chair")
    app = run_page("subsidy_page")
    budget = next(n for n in app.number_input if n.label == "预算（万元）")
    assert budget.value == pytest.approx(default.amount_cny / 1e4 + 123.0)
    assert any("本轮预算（已设定）" in c.value for c in app.caption)


def test_recording_acceptance_on_the_page(demo_db, tmp_path, monkeypatch):
    from energy.subsidy.outcomes import next_steps, outcome_steps

    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(copy))
    with SubsidyStore(copy, "2025") as sub:
        pending = next_steps(sub)
        building = pending.loc[pending["next_step"] == "accepted", "application_id"].iloc[0]
    app = run_page("subsidy_page")
    _picker(app).set_value("2025").run()
    _picker(app, "项目（下一步）").set_value(building)
    next(n for n in app.number_input if n.label.startswith("验收时")).set_value(0.0)
    next(b for b in app.button if b.label == "记录").click().run()
    assert any("实测首年" in e.value for e in app.error)   # acceptance needs the figure
    _picker(app, "项目（下一步）").set_value(building)
    next(n for n in app.number_input if n.label.startswith("验收时")).set_value(88_000.0)
    next(b for b in app.button if b.label == "记录").click().run()
    assert not app.exception, app.exception
    assert any(building in s.value for s in app.success)
    with SubsidyStore(copy, "2025") as sub:
        steps = outcome_steps(sub)
        done = steps[(steps["application_id"] == building) & (steps["status"] == "accepted")]
        assert done["measured_kwh"].tolist() == [88_000.0]


def test_an_intention_sheet_uploaded_on_the_page_joins_the_demand(demo_db, tmp_path,
                                                                  monkeypatch):
    from energy.subsidy.intentions import intentions
    from tests.subsidy.conftest import xlsx

    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(copy))
    with SubsidyStore(copy) as sub:
        code = sub.survey.current_schools()["school_code"].iloc[0]
        before = len(intentions(sub))
    sheet = xlsx([["学校代码", "项目类型", "预计投资（万元）", "项目简介"],
                  [code, "围护结构", 80, "外墙保温"], [code, "光伏", 120, "屋顶"]])
    app = run_page("subsidy_page")
    upload = next(u for u in app.file_uploader if u.label.startswith("申报意向表"))
    upload.set_value(("意向.xlsx", sheet, XLSX)).run()
    assert not app.exception, app.exception
    assert any("已保存：2 行" in s.value for s in app.success)
    with SubsidyStore(copy) as sub:
        assert len(intentions(sub)) == before + 2
    bad = xlsx([["学校代码", "项目类型", "预计投资（万元）"], [code, "核电", 80]])
    upload = next(u for u in app.file_uploader if u.label.startswith("申报意向表"))
    upload.set_value(("坏.xlsx", bad, XLSX)).run()
    assert any("1 个错误" in e.value for e in app.error)
