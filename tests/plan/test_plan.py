"""The rollout plan on the demo campuses: candidates from the PV estimate, the CLI, the phased
table, sensitivity and the 规划 page."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from energy.api import estimate_pv
from energy.plan import (
    AFTER_REPAIR,
    AS_IS,
    PlanAssumptions,
    cumulative_capacity_figure,
    phased_table,
    plan_candidates,
    plan_from_store,
    sensitivity_table,
)
from energy.pv import PVAssumptions, aggregate
from surveys.store import SurveyStore
from tests.dashboard_helpers import run_page
from tests.demo_cache import survey_demo
from tests.page_walk import english_only, missing_words, raw_headers

BUDGET = 4e6


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "demo.duckdb"
    survey_demo(path, n_schools=40)
    return path


@pytest.fixture(scope="module")
def buildings(demo_db):
    with SurveyStore(demo_db) as store:
        return store.current_buildings()


def test_candidates_are_the_pv_estimate_split_by_roof_condition(buildings):
    candidates = plan_candidates(buildings)
    good = ~buildings["roof_condition"].isin(["一般", "差"])
    as_is = aggregate(estimate_pv(buildings[good]), by=("school_code",)).set_index("school_code")
    mine = candidates[candidates["part"] == AS_IS].set_index("school_code")
    carrying = as_is[as_is["capacity_kwp"] > 0]
    assert set(mine.index) == set(carrying.index)
    assert np.allclose(mine["capacity_kwp"], carrying.loc[mine.index, "capacity_kwp"])
    assert np.allclose(mine["annual_kwh"], carrying.loc[mine.index, "annual_yield_kwh"])
    assert np.allclose(mine["capex_cny"], carrying.loc[mine.index, "capex_cny"])
    assert (mine["repair_cny"] == 0).all()
    # schools with only good roofs: their whole potential, as the dashboard shows it
    only_good = buildings.groupby("school_code")["roof_condition"].apply(
        lambda c: not c.isin(["一般", "差"]).any())
    whole = aggregate(estimate_pv(buildings), by=("school_code",)).set_index("school_code")
    codes = [c for c in only_good[only_good].index if c in mine.index]
    assert codes and np.allclose(mine.loc[codes, "annual_kwh"], whole.loc[codes, "annual_yield_kwh"])
    # roofs to repair: poor ones carry PV only in the plan, and their repair is priced per m²
    repaired = candidates[candidates["part"] == AFTER_REPAIR]
    assert (repaired["repair_cny"] > 0).all() and (repaired["capacity_kwp"] > 0).all()
    plan = PlanAssumptions()
    low = repaired["repair_area_m2"] * plan.repair_fair_cny_per_m2
    high = repaired["repair_area_m2"] * plan.repair_poor_cny_per_m2
    assert ((repaired["repair_cny"] >= low - 1e-6) & (repaired["repair_cny"] <= high + 1e-6)).all()
    poor_only = buildings[buildings["roof_condition"] == "差"]
    assert estimate_pv(poor_only)["capacity_kwp"].sum() == 0   # the estimate excludes them


def test_phased_table_and_totals(buildings):
    result = plan_from_store(buildings, 3, BUDGET)
    table = result.phased()
    assert list(table["year"]) == [1, 2, 3]
    assert (table["investment_cny"] <= BUDGET * (1 + 1e-9)).all()
    assert table["investment_cny"].sum() > 0.9 * 3 * BUDGET
    assert np.allclose(table["cumulative_kwp"], table["capacity_kwp"].cumsum())
    totals = result.totals()
    assert totals["capacity_kwp"] == pytest.approx(table["capacity_kwp"].sum())
    assert totals["investment_cny"] == pytest.approx(table["investment_cny"].sum())
    assert totals["n_campuses"] == len({c for codes in table["campuses"] for c in codes})
    schedule = result.schedule()
    fitted = schedule[schedule["pv_year"] > 0]
    repaired = fitted[fitted["part"] == AFTER_REPAIR]
    assert (repaired["repair_year"] == repaired["pv_year"] - 1).all()
    assert (table.loc[0, "repair_cny"] == schedule.loc[schedule["repair_year"] == 1,
                                                       "repair_cny"].sum())
    assert result.optimal.objective >= result.greedy.objective
    again = phased_table(result.schedule("greedy"), 3)
    assert (again["investment_cny"] <= BUDGET * (1 + 1e-9)).all()
    figure = cumulative_capacity_figure(table, "en", again)
    assert len(figure.data) == 3
    assert list(figure.data[1].y) == pytest.approx(list(table["cumulative_kwp"] / 1000))


def test_sensitivity_moves_the_plan_the_right_way(buildings):
    result = plan_from_store(buildings, 2, BUDGET)
    table = sensitivity_table(buildings, result).set_index("case")
    assert table.loc["capex_low", "capacity_kwp"] > table.loc["base", "capacity_kwp"] > \
        table.loc["capex_high", "capacity_kwp"]
    # the tariff changes the money, not which roofs give the most kWh
    assert table.loc["tariff_low", "capacity_kwp"] == pytest.approx(table.loc["base", "capacity_kwp"])
    assert table.loc["tariff_low", "payback_years"] > table.loc["base", "payback_years"] > \
        table.loc["tariff_high", "payback_years"]
    assert table.loc["capex_high", "capex_cny_per_w"] == pytest.approx(
        1.2 * PVAssumptions().capex_cny_per_w)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "energy.plan", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_json(demo_db):
    done = _cli("--budget-cny-per-year", str(BUDGET), "--years", "3", "--db", str(demo_db),
                "--capex-cny-per-w", "3.2", "--tariff-cny-per-kwh", "0.7", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    with SurveyStore(demo_db) as store:
        codes = set(store.current_schools()["school_code"])
    assert len(out["years"]) == 3
    for year in out["years"]:
        assert {"year", "campuses", "capacity_kwp", "investment_cny", "annual_kwh"} <= set(year)
        assert year["investment_cny"] <= BUDGET * (1 + 1e-9)
        assert set(year["campuses"]) <= codes
    assert out["totals"]["annual_kwh"] == pytest.approx(sum(y["annual_kwh"] for y in out["years"]))
    assert out["solver"]["objective"] >= out["solver"]["greedy_objective"]
    assert out["settings"]["capex_cny_per_w"] == 3.2 and out["settings"]["tariff_cny_per_kwh"] == 0.7
    assert len(out["greedy"]["years"]) == 3


@pytest.mark.slow
def test_cli_text_reads_as_declared_with_its_sensitivity(demo_db):
    done = _cli("--budget-cny-per-year", str(BUDGET), "--years", "2", "--db", str(demo_db),
                "--sensitivity")
    assert done.returncode == 0, done.stderr
    for header in ("当年投资（元）", "造价（元/W）", "情景", "造价 −20%"):
        assert header in done.stdout, header
    for raw in ("capex_cny_per_w", "label_zh", "n_campuses", "NaN"):
        assert raw not in done.stdout, raw
    assert _cli("--help").returncode == 0   # a % in a help text once broke it


def test_cli_target_and_refusals(demo_db):
    done = _cli("--target-kwp", "2000", "--years", "2", "--db", str(demo_db), "--json")
    assert done.returncode == 0, done.stderr
    cumulative = [y["cumulative_kwp"] for y in json.loads(done.stdout)["years"]]
    assert cumulative[0] >= 1000 * (1 - 1e-6) and cumulative[1] >= 2000 * (1 - 1e-6)
    assert _cli("--target-kwp", "1e9", "--years", "2", "--db", str(demo_db)).returncode == 3
    assert _cli("--years", "2", "--db", str(demo_db)).returncode == 2
    assert _cli("--budget-cny-per-year", "-5", "--years", "2").returncode == 2
    assert _cli("--budget-cny-per-year", "5", "--years", "0").returncode == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_page(demo_db, monkeypatch, lang):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("plan_page", lang, timeout=180)
    assert not app.exception
    app.button[0].click().run(timeout=180)
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert len(metrics) == 5
    shown = app.dataframe[0].value
    assert len(shown) == 5   # five years by default
    heading = "当年投资（元）" if lang == "zh" else "Spending in the year (CNY)"
    spent = pd.to_numeric(shown[heading].str.replace(",", ""))
    assert (spent <= 2000e4 * (1 + 1e-9)).all()
    if lang == "zh":   # the sensitivity button (slow: four more estimates) in one language
        app.button[1].click().run(timeout=300)
        assert not app.exception
    _assert_tables_read_well(app, lang, n_tables=5 if lang == "zh" else 4)


def _assert_tables_read_well(app, lang: str, n_tables: int) -> None:
    """Phased (optimal, greedy), candidates, sensitivity (when run) and the plan's
    assumptions: declared headers, no raw names, no missing-value words, no English-only
    header in the Chinese view."""
    frames = [d.value for d in app.dataframe]
    assert len(frames) == n_tables
    for frame in frames:
        headers = [str(c) for c in frame.columns]
        assert not raw_headers(headers), headers
        assert not [c for c in frame.astype(str).to_numpy().ravel() if missing_words(c)]
        if lang == "zh":
            assert not [h for h in headers if english_only(h)], headers
    candidates = next(f for f in frames if ("安装年度" if lang == "zh" else "Year fitted")
                      in f.columns)
    part = candidates["部分" if lang == "zh" else "Part"]
    assert set(part) <= ({"现有屋面", "修缮后屋面"} if lang == "zh"
                         else {"Roofs as they are", "Roofs after repair"})


def test_plan_page_on_an_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(tmp_path / "empty.duckdb"))
    app = run_page("plan_page", "en")
    assert not app.exception
    assert any("No survey data yet" in i.value for i in app.info)
