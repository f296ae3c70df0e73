"""A rollout plan as the committee reads it: phased table, totals, sensitivity, chart.

:func:`make_plan` solves a plan exactly and greedily from :func:`plan_candidates` rows;
:func:`phased_table` is the plain DataFrame other documents (the survey analysis report) take
over as it is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from energy.plan.candidates import AFTER_REPAIR, plan_candidates
from energy.plan.parameters import PlanAssumptions, describe_plan_assumptions
from energy.plan.solve import Plan, PlanProblem, greedy_plan, solve_plan
from energy.pv import PVAssumptions
from energy.pv.outputs import COLUMNS as PV_COLUMNS
from energy.pv.outputs import assumptions_in
from sheets.outputs import AXIS_NUMBER_FORMAT, OutputColumn, OutputTable
from sheets.outputs import labelled as _labelled

__all__ = ["CANDIDATES", "DEFAULT_BUDGET_CNY_PER_YEAR", "DEFAULT_YEARS", "OBJECTIVES", "PHASED",
           "PHASED_COLUMNS", "SENSITIVITY", "PlanResult", "cumulative_capacity_figure",
           "make_plan", "phased_table", "plan_from_store", "sensitivity_table"]

#: The programme the Plan page and the analysis report start from: 2,000 万元 a year for
#: five years (the committee's assumption, changed on the page or with the report's options).
DEFAULT_BUDGET_CNY_PER_YEAR = 20_000_000.0
DEFAULT_YEARS = 5

#: What the budgeted plan maximises: candidate column per objective.
OBJECTIVES = {"kwh": "annual_kwh", "co2": "co2_t_per_yr"}

def _money(name, zh, en, **kw):
    return OutputColumn(name, zh, en, "float", unit="元", unit_en="CNY", decimals=0, width=14,
                        **kw)


#: The phased table, declared once (pages, CLI, the survey analysis report).
PHASED = OutputTable("plan_phased", "分年实施表", "Phased rollout", (
    OutputColumn("year", "年度", "Year", "int", width=6),
    OutputColumn("n_campuses", "校园数", "Campuses", "int", width=8),
    OutputColumn("campuses", "学校代码", "School codes", width=40,
                 description_zh="当年安装光伏的学校", description_en="Schools fitted that year"),
    OutputColumn("capacity_kwp", "新增容量", "Capacity added", "float", unit="kWp", decimals=0),
    _money("investment_cny", "当年投资", "Spending in the year",
           description_zh="光伏造价加当年屋面修缮", description_en="PV capital cost plus repairs"),
    _money("repair_cny", "其中屋面修缮", "of which roof repairs"),
    OutputColumn("n_repairs", "修缮屋面的校园数", "Campuses with roofs repaired", "int"),
    OutputColumn("annual_kwh", "新增年发电量", "Annual yield added", "float", unit="kWh",
                 decimals=0, width=14),
    OutputColumn("annual_low_kwh", "新增年发电量低值", "Annual yield added, low case", "float",
                 unit="kWh", decimals=0, width=14),
    OutputColumn("co2_t_per_yr", "新增年减排 CO₂", "CO₂ avoided added", "float", unit="t/年",
                 unit_en="t/yr", decimals=0),
    _money("savings_cny_per_yr", "新增年收益", "Annual savings added"),
    OutputColumn("payback_years", "静态回收期", "Simple payback", "float", unit="年",
                 unit_en="years", decimals=1,
                 description_zh="当年安装部分的造价与修缮费 ÷ 其年收益",
                 description_en="Cost of the year's PV and its repairs ÷ its annual savings"),
    OutputColumn("cumulative_kwp", "累计容量", "Cumulative capacity", "float", unit="kWp",
                 decimals=0),
    _money("cumulative_cny", "累计投资", "Cumulative spending"),
))
PHASED_COLUMNS = tuple(c.name for c in PHASED.columns)
#: The sensitivity table (capital cost and tariff ±20 %), case label in one language.
SENSITIVITY = OutputTable("plan_sensitivity", "敏感性分析", "Sensitivity", (
    OutputColumn("label_zh", "情景", "Case (Chinese)", width=16),
    OutputColumn("label_en", "情景（英文）", "Case", width=16),
    OutputColumn("capex_cny_per_w", "造价", "Capital cost", "float", unit="元/W",
                 unit_en="CNY/W"),
    OutputColumn("tariff_cny_per_kwh", "电价", "Tariff", "float", unit="元/kWh",
                 unit_en="CNY/kWh"),
    PHASED["n_campuses"],
    OutputColumn("capacity_kwp", "规划容量", "Capacity planned", "float", unit="kWp",
                 decimals=0),
    _money("investment_cny", "总投资", "Total spending"),
    OutputColumn("annual_kwh", "年发电量", "Annual yield", "float", unit="kWh", decimals=0,
                 width=14),
    PHASED["payback_years"],
))
#: Each campus part a plan can choose, with the year chosen (the Plan page's detail table).
CANDIDATES = OutputTable("plan_candidates", "候选校园", "Candidate campuses", (
    *PV_COLUMNS.pick("school_code", "school_name", "district", "school_type").columns,
    OutputColumn("part", "部分", "Part", values_en={"现有屋面": "Roofs as they are",
                                                   "修缮后屋面": "Roofs after repair"}),
    OutputColumn("pv_year", "安装年度", "Year fitted", "int"),
    OutputColumn("repair_year", "修缮年度", "Year repaired", "int"),
    *PHASED.pick("capacity_kwp", "annual_kwh", "co2_t_per_yr", "savings_cny_per_yr").columns,
    _money("capex_cny", "光伏造价", "PV capital cost"),
    OutputColumn("repair_area_m2", "修缮面积", "Roof area repaired", "float", unit="m²",
                 decimals=0),
    _money("repair_cny", "修缮费用", "Repair cost"),
))
_PART_TEXT = {"as_is": "现有屋面", "after_repair": "修缮后屋面"}

_SUMMED = ("capacity_kwp", "annual_kwh", "annual_low_kwh", "co2_t_per_yr", "savings_cny_per_yr")


@dataclass
class PlanResult:
    """An optimal and a greedy schedule of the same candidates and settings."""

    candidates: pd.DataFrame
    problem: PlanProblem
    optimal: Plan
    greedy: Plan
    settings: dict = field(default_factory=dict)

    def schedule(self, which: str = "optimal") -> pd.DataFrame:
        """Candidates with ``pv_year`` and ``repair_year`` (1-based; 0 = not in the plan)."""
        plan = self.optimal if which == "optimal" else self.greedy
        return self.candidates.assign(pv_year=plan.pv_year + 1, repair_year=plan.repair_year + 1)

    def phased(self, which: str = "optimal") -> pd.DataFrame:
        return phased_table(self.schedule(which), self.problem.years)

    def totals(self, which: str = "optimal") -> dict:
        plan = self.optimal if which == "optimal" else self.greedy
        return plan_totals(self.schedule(which), plan)

    def to_dict(self) -> dict:
        """JSON-ready: ``years`` (one object per year), ``totals``, the greedy plan beside
        it, the solver's status, the settings and every assumption."""
        def years(which):
            rows = self.phased(which).to_dict(orient="records")
            return [{k: _plain(v) for k, v in row.items()} for row in rows]
        return {
            "years": years("optimal"), "totals": self.totals("optimal"),
            "greedy": {"years": years("greedy"), "totals": self.totals("greedy")},
            "solver": {"method": "scipy.optimize.milp (HiGHS)", "status": self.optimal.status,
                       "seconds": round(self.optimal.seconds, 3),
                       "mip_gap": _plain(self.optimal.mip_gap),
                       "objective": self.optimal.objective,
                       "greedy_objective": self.greedy.objective},
            "settings": {k: _plain(v) for k, v in self.settings.items()},
        }


def _plain(value):
    """numpy scalars and NaN as JSON values."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def make_plan(candidates: pd.DataFrame, years: int, budget_cny_per_year=None,
              target_kwp: float | None = None, objective: str = "kwh",
              plan: PlanAssumptions | None = None, mip_rel_gap: float = 0.0,
              settings: dict | None = None) -> PlanResult:
    """Solve a plan exactly and greedily.

    Parameters
    ----------
    candidates : DataFrame
        From :func:`energy.plan.plan_candidates`.
    years : int
        Programme years ``K``.
    budget_cny_per_year : float or sequence of float, optional
        Spending limit per year (one number for every year, or ``K``). [CNY]
    target_kwp : float, optional
        Cumulative capacity to reach by the last year, on an even ramp. [kWp]
    objective : {"kwh", "co2"}
        With budgets: maximise lifetime kWh, or lifetime CO₂ avoided (the grid factor is one
        number, so both choose the same campuses; the choice changes the figure reported).
    plan : PlanAssumptions, optional
        Lifetime, repair lead.
    mip_rel_gap : float
        0 for the proven optimum.
    """
    plan = plan or PlanAssumptions()
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {sorted(OBJECTIVES)}")
    problem = PlanProblem(
        candidates[OBJECTIVES[objective]].to_numpy(float), candidates["capex_cny"].to_numpy(float),
        candidates["repair_cny"].to_numpy(float),
        (candidates["part"] == AFTER_REPAIR).to_numpy(bool),
        candidates["capacity_kwp"].to_numpy(float), years, budget_cny_per_year, target_kwp,
        plan.lifetime_years, plan.repair_lead_years)
    optimal = solve_plan(problem, mip_rel_gap=mip_rel_gap)
    greedy = greedy_plan(problem)
    merged = {"years": years, "budget_cny_per_year": budget_cny_per_year,
              "target_kwp": target_kwp, "objective": objective,
              **dataclasses.asdict(plan), **(settings or {})}
    return PlanResult(candidates, problem, optimal, greedy, merged)


def phased_table(schedule: pd.DataFrame, years: int) -> pd.DataFrame:
    """One row per programme year (the columns of :data:`PHASED`).

    Parameters
    ----------
    schedule : DataFrame
        Candidates with 1-based ``pv_year`` and ``repair_year`` (0 = not planned), as
        :meth:`PlanResult.schedule` returns.
    years : int
        Number of programme years.

    Returns
    -------
    DataFrame
        ``year``; ``n_campuses`` and ``campuses`` (school codes fitted that year);
        ``capacity_kwp`` [kWp], ``investment_cny`` (PV capital cost plus repairs spent that
        year) and ``repair_cny`` [CNY], ``n_repairs``; the output added ``annual_kwh``,
        ``annual_low_kwh`` [kWh/yr], ``co2_t_per_yr`` [t/yr], ``savings_cny_per_yr``
        [CNY/yr]; ``payback_years`` of the year's cohort (its PV and repair cost over its
        savings) [yr]; ``cumulative_kwp`` [kWp] and ``cumulative_cny`` [CNY].
    """
    rows = []
    for year in range(1, years + 1):
        fitted = schedule[schedule["pv_year"] == year]
        repaired = schedule[schedule["repair_year"] == year]
        row = {"year": year, "n_campuses": int(fitted["school_code"].nunique()),
               "campuses": sorted(fitted["school_code"].astype(str).unique().tolist()),
               **{name: float(fitted[name].sum()) for name in _SUMMED},
               "repair_cny": float(repaired["repair_cny"].sum()),
               "n_repairs": int(repaired["school_code"].nunique())}
        row["investment_cny"] = float(fitted["capex_cny"].sum()) + row["repair_cny"]
        cohort_cost = float(fitted["capex_cny"].sum() + fitted["repair_cny"].sum())
        savings = row["savings_cny_per_yr"]
        row["payback_years"] = cohort_cost / savings if savings > 0 else float("nan")
        rows.append(row)
    table = pd.DataFrame(rows, columns=[c for c in PHASED_COLUMNS if c not in
                                        ("cumulative_kwp", "cumulative_cny")])
    table["cumulative_kwp"] = table["capacity_kwp"].cumsum()
    table["cumulative_cny"] = table["investment_cny"].cumsum()
    return table[list(PHASED_COLUMNS)]


def plan_totals(schedule: pd.DataFrame, plan: Plan) -> dict:
    """Totals of a schedule: campuses, kWp, spending, output, payback, objective."""
    fitted = schedule[schedule["pv_year"] > 0]
    repaired = schedule[schedule["repair_year"] > 0]
    cost = float(fitted["capex_cny"].sum() + repaired["repair_cny"].sum())
    savings = float(fitted["savings_cny_per_yr"].sum())
    return {"n_campuses": int(fitted["school_code"].nunique()),
            **{name: float(fitted[name].sum()) for name in _SUMMED},
            "investment_cny": cost, "repair_cny": float(repaired["repair_cny"].sum()),
            "payback_years": cost / savings if savings > 0 else None,
            "objective": plan.objective}


def readable(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The phased table for reading (:data:`PHASED` headers and formats), codes joined."""
    joined = table.assign(campuses=table["campuses"].map(", ".join))
    return _labelled(joined, PHASED, lang)


def _one_language(table: OutputTable, lang: str) -> OutputTable:
    other = "label_en" if lang == "zh" else "label_zh"
    return table.pick(*(c.name for c in table.columns if c.name != other))


def readable_sensitivity(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """:func:`sensitivity_table` for reading, the case named in ``lang``."""
    return _labelled(table, _one_language(SENSITIVITY, lang), lang)


def readable_candidates(schedule: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """:meth:`PlanResult.schedule` for reading: year 0 (not in the plan) shown as –."""
    shown = schedule.assign(part=schedule["part"].map(_PART_TEXT),
                            pv_year=schedule["pv_year"].where(schedule["pv_year"] > 0),
                            repair_year=schedule["repair_year"].where(
                                schedule["repair_year"] > 0))
    return _labelled(shown, CANDIDATES, lang)


def readable_assumptions(result: PlanResult, lang: str = "zh") -> pd.DataFrame:
    """The plan's own assumptions (:func:`describe`) with their sources, in ``lang``."""
    described = describe(result)
    values = [f"{v:,.4g}" if isinstance(v, int | float) else str(v) for v in described["value"]]
    return _labelled(described.assign(value=values), assumptions_in(lang), lang)


# --- store, sensitivity, chart ----------------------------------------------------------

def plan_from_store(source=None, years: int = 5, budget_cny_per_year=None,
                    target_kwp: float | None = None, pv: PVAssumptions | None = None,
                    plan: PlanAssumptions | None = None, objective: str = "kwh",
                    weather=None, weather_source=None) -> PlanResult:
    """A plan for the current buildings of a store (or a ``current_buildings`` frame;
    default the snapshot of the default database)."""
    from energy.api import _buildings

    buildings = _buildings(source)
    pv = pv or PVAssumptions()
    candidates = plan_candidates(buildings, pv, plan, weather, weather_source)
    return make_plan(candidates, years, budget_cny_per_year, target_kwp, objective, plan,
                     settings={"capex_cny_per_w": pv.capex_cny_per_w,
                               "tariff_cny_per_kwh": pv.tariff_cny_per_kwh})


SENSITIVITY_CASES = (("base", "基准", "Base", 1.0, 1.0),
                     ("capex_low", "造价 −20%", "Capital cost −20 %", 0.8, 1.0),
                     ("capex_high", "造价 +20%", "Capital cost +20 %", 1.2, 1.0),
                     ("tariff_low", "电价 −20%", "Tariff −20 %", 1.0, 0.8),
                     ("tariff_high", "电价 +20%", "Tariff +20 %", 1.0, 1.2))


def sensitivity_table(buildings: pd.DataFrame, result: PlanResult,
                      pv: PVAssumptions | None = None, weather=None,
                      weather_source=None) -> pd.DataFrame:
    """The plan again with capital cost and tariff each ±20 %.

    Every case re-runs the PV estimate with the changed assumption (through
    :func:`plan_candidates`) and solves the plan exactly with the same budgets or target.

    Returns
    -------
    DataFrame
        One row per case: ``case``, ``label_zh``, ``label_en``, ``capex_cny_per_w``
        [CNY/W], ``tariff_cny_per_kwh`` [CNY/kWh], ``n_campuses``, ``capacity_kwp`` [kWp],
        ``investment_cny`` [CNY], ``annual_kwh`` [kWh/yr], ``payback_years`` [yr].
    """
    pv = pv or PVAssumptions()
    s = result.settings
    plan = PlanAssumptions(**{f.name: s[f.name] for f in dataclasses.fields(PlanAssumptions)})
    rows = []
    for case, zh, en, capex_f, tariff_f in SENSITIVITY_CASES:
        changed = dataclasses.replace(pv, capex_cny_per_w=pv.capex_cny_per_w * capex_f,
                                      tariff_cny_per_kwh=pv.tariff_cny_per_kwh * tariff_f)
        if case == "base":
            run = result
        else:
            candidates = plan_candidates(buildings, changed, plan, weather, weather_source)
            run = make_plan(candidates, s["years"], s["budget_cny_per_year"], s["target_kwp"],
                            s["objective"], plan)
        totals = run.totals()
        rows.append({"case": case, "label_zh": zh, "label_en": en,
                     "capex_cny_per_w": changed.capex_cny_per_w,
                     "tariff_cny_per_kwh": changed.tariff_cny_per_kwh,
                     **{k: totals[k] for k in ("n_campuses", "capacity_kwp", "investment_cny",
                                               "annual_kwh", "payback_years")}})
    return pd.DataFrame(rows)


def cumulative_capacity_figure(phased: pd.DataFrame, lang: str = "zh",
                               greedy: pd.DataFrame | None = None):
    """Plotly figure: capacity added per year (bars) and cumulative capacity (line) [MWp],
    with the greedy plan's cumulative line when given."""
    import plotly.graph_objects as go

    zh = lang == "zh"
    years = [f"{'第' if zh else 'Year '}{y}{'年' if zh else ''}" for y in phased["year"]]
    fig = go.Figure()
    fig.add_bar(x=years, y=phased["capacity_kwp"] / 1000,
                name="当年新增（MWp）" if zh else "Added in the year (MWp)")
    fig.add_scatter(x=years, y=phased["cumulative_kwp"] / 1000, mode="lines+markers",
                    name="累计（最优方案）" if zh else "Cumulative (optimal plan)")
    if greedy is not None:
        fig.add_scatter(x=years, y=greedy["cumulative_kwp"] / 1000, mode="lines+markers",
                        line={"dash": "dash"},
                        name="累计（贪心排序）" if zh else "Cumulative (greedy order)")
    fig.update_layout(yaxis_title="MWp", yaxis_tickformat=AXIS_NUMBER_FORMAT,
                      legend={"orientation": "h"},
                      margin={"l": 40, "r": 10, "t": 30, "b": 30})
    return fig


def describe(result: PlanResult) -> pd.DataFrame:
    """The plan's own assumptions with their sources (PV ones: ``describe_assumptions``)."""
    s = result.settings
    return describe_plan_assumptions(
        PlanAssumptions(**{f.name: s[f.name] for f in dataclasses.fields(PlanAssumptions)}))
