"""Command line: ``python -m energy.plan`` — a rooftop-PV rollout plan for the surveyed campuses.

Examples
--------
``python -m energy.plan --budget-cny-per-year 20000000 --years 5 --json``
``python -m energy.plan --target-kwp 30000 --years 5 --capex-cny-per-w 3.2``

Exit codes: 0 a plan, 2 bad arguments or no data, 3 no plan meets the target.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys

from energy.plan.parameters import PlanAssumptions
from energy.plan.tables import (
    OBJECTIVES,
    plan_from_store,
    readable,
    readable_sensitivity,
    sensitivity_table,
)
from energy.pv import PVAssumptions


def positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是数字 not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"应大于 0 must be positive: {text}")
    return value


def programme_years(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 30:
        raise argparse.ArgumentTypeError(f"年数应为 1–30 years must be 1–30: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m energy.plan",
                                description="屋顶光伏分年实施规划 Rooftop-PV rollout plan")
    p.add_argument("--budget-cny-per-year", type=positive_number, default=None,
                   help="每年预算（元）yearly budget [CNY]")
    p.add_argument("--target-kwp", type=positive_number, default=None,
                   help="末年累计容量目标（kWp）cumulative capacity target [kWp]")
    p.add_argument("--years", type=programme_years, required=True, help="规划年数 programme years")
    p.add_argument("--db", default=None, help="DuckDB file (default $CAMPUS_ENERGY_DB)")
    p.add_argument("--capex-cny-per-w", type=positive_number, default=None,
                   help=f"造价 capital cost [CNY/W] (default {PVAssumptions.capex_cny_per_w})")
    p.add_argument("--tariff-cny-per-kwh", type=positive_number, default=None,
                   help=f"电价 tariff [CNY/kWh] (default {PVAssumptions.tariff_cny_per_kwh})")
    p.add_argument("--objective", choices=sorted(OBJECTIVES), default="kwh")
    p.add_argument("--repair-fair-cny-per-m2", type=float, default=None)
    p.add_argument("--repair-poor-cny-per-m2", type=float, default=None)
    p.add_argument("--sensitivity", action="store_true", help="造价、电价 ±20%% 敏感性 capital cost and tariff ±20%%")
    p.add_argument("--json", action="store_true")
    return p


def _assumptions(args) -> tuple[PVAssumptions, PlanAssumptions]:
    pv = PVAssumptions()
    changes = {k: v for k, v in (("capex_cny_per_w", args.capex_cny_per_w),
                                 ("tariff_cny_per_kwh", args.tariff_cny_per_kwh)) if v is not None}
    plan = {k: v for k, v in (("repair_fair_cny_per_m2", args.repair_fair_cny_per_m2),
                              ("repair_poor_cny_per_m2", args.repair_poor_cny_per_m2))
            if v is not None}
    return dataclasses.replace(pv, **changes), PlanAssumptions(**plan)


def _text(result, sensitivity) -> str:
    totals = result.totals()
    lines = [readable(result.phased()).to_string(index=False), "",
             f"合计 total: {totals['n_campuses']} 所校园 campuses, "
             f"{totals['capacity_kwp'] / 1000:,.1f} MWp, {totals['investment_cny'] / 1e4:,.0f} 万元, "
             f"{totals['annual_kwh'] / 1e6:,.2f} GWh/yr",
             f"求解 solver: {result.optimal.status} (gap {result.optimal.mip_gap}); "
             f"贪心 greedy objective {result.greedy.objective:,.0f} vs 最优 optimal "
             f"{result.optimal.objective:,.0f}"]
    if sensitivity is not None:
        lines += ["", readable_sensitivity(sensitivity).to_string(index=False)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.budget_cny_per_year is None and args.target_kwp is None:
        print("请给出 --budget-cny-per-year 或 --target-kwp。 Give --budget-cny-per-year or "
              "--target-kwp.", file=sys.stderr)
        return 2
    from energy.api import SnapshotMissing, open_survey_db

    pv, plan = _assumptions(args)
    try:
        with open_survey_db(args.db) as store:
            buildings = store.current_buildings()
    except SnapshotMissing as missing:
        print(missing, file=sys.stderr)
        return 2
    if buildings.empty:
        print("数据库中还没有调研数据。 No survey data yet.", file=sys.stderr)
        return 2
    try:
        result = plan_from_store(buildings, args.years, args.budget_cny_per_year,
                                 args.target_kwp, pv, plan, args.objective)
    except ValueError as infeasible:
        print(f"没有满足目标的方案 No plan meets the target: {infeasible}", file=sys.stderr)
        return 3
    sensitivity = sensitivity_table(buildings, result, pv) if args.sensitivity else None
    if args.json:
        out = result.to_dict()
        if sensitivity is not None:
            out["sensitivity"] = json.loads(sensitivity.to_json(orient="records",
                                                                force_ascii=False))
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(_text(result, sensitivity))
    return 0


if __name__ == "__main__":
    sys.exit(main())
