"""Command line of the survey round: ``python -m surveys round …`` and ``reminders``."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

from surveys.store import SurveyStore


def _date(text: str) -> _dt.date:
    import argparse

    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应写作 YYYY-MM-DD date must be YYYY-MM-DD: {text!r}") from None


def cmd_round(args) -> int:
    from surveys.round import add_round, current_round, deadline_text, rounds

    with SurveyStore(args.db) as store:
        if args.action == "add":
            if not args.name or args.deadline is None:
                print("请给出名称和 --deadline。 Give a name and --deadline YYYY-MM-DD.",
                      file=sys.stderr)
                return 2
            try:
                round_id = add_round(store, args.name, args.deadline, "cli", args.opens)
            except ValueError as bad:
                print(bad, file=sys.stderr)
                return 2
            print(f"已添加调研轮次 Round added (#{round_id})")
        table = rounds(store)
        line = deadline_text(current_round(store))
    print(table.to_string(index=False) if not table.empty else "暂无调研轮次 No rounds yet")
    if line:
        print("\n".join(line))
    return 0


def cmd_reminders(args) -> int:
    from sheets.outputs import labelled
    from surveys.round import REMINDERS, reminders, reminders_csv, reminders_sheet

    with SurveyStore(args.db) as store:
        table = reminders(store)
    if args.out:
        out = Path(args.out)
        data = (reminders_sheet(table, args.lang) if out.suffix.lower() == ".xlsx"
                else reminders_csv(table, args.lang))
        out.write_bytes(data)
        print(f"已写出 Written: {out} ({len(table)})")
    elif args.json:
        print(table.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        counts = table["reason"].value_counts()
        print(f"未提交 not submitted: {counts.get('not_submitted', 0)}; 需修改 to fix: "
              f"{counts.get('to_fix', 0)}")
        if not table.empty:
            brief = REMINDERS.pick("reason_label", "school_code", "school_name", "contact",
                                   "problems_zh")
            print(labelled(table, brief).to_string(index=False))
    return 0


def add_commands(sub) -> None:
    """Add ``round`` and ``reminders`` to the surveys CLI."""
    p = sub.add_parser("round", help="调研轮次与截止日期 survey rounds and deadlines")
    p.add_argument("action", choices=["add", "list"])
    p.add_argument("name", nargs="?", default="")
    p.add_argument("--deadline", type=_date, default=None, help="YYYY-MM-DD (上海日期)")
    p.add_argument("--opens", type=_date, default=None, help="YYYY-MM-DD")
    p.add_argument("--db", default=None)
    p.set_defaults(func=cmd_round)
    p = sub.add_parser("reminders", help="催报名单 schools to remind (not submitted, to fix)")
    p.add_argument("--db", default=None)
    p.add_argument("--out", default=None, help="FILE.xlsx or FILE.csv")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reminders)
