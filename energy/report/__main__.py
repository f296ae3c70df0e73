"""Command line: ``python -m energy.report OUT.docx|OUT.pdf [--db PATH] [--district …] [--lang en]
[--plan-budget-cny-per-year N] [--plan-years K] [--plan-sensitivity]``.

Writes the survey analysis report of the database's read-only snapshot (it works while the
dashboard runs). ``--district`` takes a district's name in any form the survey accepts
(浦东, 浦东新区, pudong) and may be repeated. The rollout plan section is solved with a
yearly budget (default 20,000,000 CNY) over a number of years (default 5);
``--plan-sensitivity`` adds capital cost and tariff ±20 % (slower). Exit codes: 0 written;
2 bad arguments, no database, or no Chinese font.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from energy.api import SnapshotMissing, open_survey_db
from energy.plan.__main__ import positive_number, programme_years
from energy.plan.tables import DEFAULT_BUDGET_CNY_PER_YEAR, DEFAULT_YEARS
from energy.report import FORMATS, write_report
from energy.report.fonts import FontMissing
from sheets.spec import normalise_key
from surveys.schema import DISTRICTS


class UsageError(Exception):
    """Bad arguments (exit 2), with a bilingual message."""


def district_name(text: str) -> str:
    """The canonical district for ``text`` (name, short form, pinyin, former name)."""
    key = normalise_key(text)
    for choice in DISTRICTS:
        words = (choice.value, choice.label_en, *choice.synonyms, *choice.former)
        if key in {normalise_key(v) for v in words}:
            return choice.value
    raise UsageError(f"未知的区“{text}” / unknown district {text!r}: expected one of "
                     + "、".join(c.value for c in DISTRICTS))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m energy.report",
                                     description="调研分析报告 Survey analysis report")
    parser.add_argument("out", help="OUT.docx or OUT.pdf")
    parser.add_argument("--db", help="database file (default: $CAMPUS_ENERGY_DB or "
                                     "data/campus_energy.duckdb)")
    parser.add_argument("--district", action="append", default=[],
                        help="cover only this district (repeatable)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--plan-budget-cny-per-year", type=positive_number,
                        default=DEFAULT_BUDGET_CNY_PER_YEAR,
                        help="规划每年预算（元）the plan's yearly budget [CNY]")
    parser.add_argument("--plan-years", type=programme_years, default=DEFAULT_YEARS,
                        help="规划年数 the plan's years")
    parser.add_argument("--plan-sensitivity", action="store_true",
                        help="规划的造价、电价 ±20%% 敏感性 the plan with capex and tariff ±20%%")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        out = Path(args.out)
        if out.suffix.lower().lstrip(".") not in FORMATS:
            raise UsageError(f"输出文件应以 .docx 或 .pdf 结尾 / OUT must end in .docx or .pdf: "
                             f"{args.out}")
        districts = [district_name(d) for d in args.district]
        with open_survey_db(args.db) as store:
            write_report(out, store, districts=districts, lang=args.lang,
                         plan_budget_cny_per_year=args.plan_budget_cny_per_year,
                         plan_years=args.plan_years, plan_sensitivity=args.plan_sensitivity)
    except (UsageError, SnapshotMissing, FontMissing) as problem:
        print(problem, file=sys.stderr)
        return 2
    print(f"已写出 Written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
