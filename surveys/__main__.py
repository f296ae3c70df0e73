"""Command line: ``python -m surveys template|check|import|history|demo|roster|completeness|mappings``.

Exit codes: 0 fine, 1 the sheet has errors (nothing stored), 2 unreadable or refused input
or bad arguments, 3 the database stayed busy (another program was writing it for longer than
``$CAMPUS_ENERGY_LOCK_WAIT_S``): nothing was changed, try again.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from core import backup as backup_cli
from core.config import private_files
from core.profiles import ProfileError
from core.store import DatabaseBusy
from sheets.reader import UnreadableFile
from surveys import access_cli, mappings_cli, round_cli
from surveys.intake import check_file
from surveys.mappings import sheets_of
from surveys.store import REJECTED, STORED, UNREADABLE, SurveyStore
from surveys.template import write_template

BUSY_EXIT = 3


def cmd_template(args) -> int:
    write_template(args.out)
    print(f"已生成调研表模板 Template written: {args.out}")
    return 0


def cmd_check(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"找不到文件 File not found: {path}", file=sys.stderr)
        return 2
    try:
        use, given = mappings_cli.profiles_for_check(args.db, args.mapping)
        result = check_file(path, profiles=use)
    except ProfileError as error:
        return mappings_cli.refused(error)
    except UnreadableFile as refusal:
        refusal.print(path.name, args.json)
        return 2
    sheets = sheets_of(result)
    _print_checked(result.report, sheets, args.json)
    mappings_cli.warn_unused_file(sheets, args.mapping, given)
    return 0 if result.ok else 1


def _print_checked(report, sheets: list, as_json: bool) -> None:
    """A report and the column mapping each sheet was read with."""
    if as_json:
        print(json.dumps({**report.to_dict(), "sheets": mappings_cli.sheets_data(sheets)},
                         ensure_ascii=False, indent=2))
        return
    print(report.to_text())
    mappings_cli.print_mapping(sheets)


def _import_line(result) -> str:
    if result.status == STORED:
        return (f"{result.file_name}: 已导入 stored (upload {result.upload_id}, "
                f"schools {', '.join(result.school_codes)})")
    if result.status == "duplicate":
        return f"{result.file_name}: 已导入过，未重复导入 already imported (upload {result.upload_id})"
    return f"{result.file_name}: 未导入 rejected"


def cmd_import(args) -> int:
    worst = 0
    with SurveyStore(args.db) as store, store.batch():
        try:
            use, given = mappings_cli.profiles_for_import(store, args.mapping)
        except ProfileError as error:
            return mappings_cli.refused(error)
        for name in args.files:
            path = Path(name)
            if not path.is_file():
                print(f"找不到文件 File not found: {path}", file=sys.stderr)
                worst = 2
                continue
            result = store.import_file(path, source="cli", is_demo=args.demo, profiles=use)
            worst = max(worst, result.exit_code)
            _print_import(result, args.json)
            if result.status != UNREADABLE and result.sheets:
                mappings_cli.warn_unused_file(result.sheets, args.mapping, given)
    return worst


def _print_import(result, as_json: bool) -> None:
    """One file's outcome, with the column mapping it was read with."""
    if result.status == UNREADABLE:
        result.refusal.print(result.file_name, as_json)
    elif result.status == REJECTED:
        _print_checked(result.report, result.sheets, as_json)
    elif as_json:
        print(json.dumps({"file": result.file_name, "status": result.status,
                          "upload_id": result.upload_id,
                          "submission_ids": result.submission_ids,
                          "school_codes": result.school_codes,
                          "sheets": mappings_cli.sheets_data(result.sheets)},
                         ensure_ascii=False))
    else:
        print(_import_line(result))
        mappings_cli.print_mapping(result.sheets)


def cmd_history(args) -> int:
    with SurveyStore(args.db) as store:
        frame = store.history(args.school)
    if args.json:
        print(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    elif frame.empty:
        print("暂无提交记录 No submissions yet")
    else:
        print(frame.to_string(index=False))
    return 0


def cmd_demo(args) -> int:
    from surveys.demo import seed_demo

    if args.if_empty:
        with SurveyStore(args.db) as store:
            if store.counts()["submissions"]:
                print("数据库已有数据，跳过演示数据 Database already has data; demo not seeded")
                return 0
    summary = seed_demo(args.db, n_schools=args.schools, seed=args.seed, out_dir=args.out)
    print(json.dumps(summary, ensure_ascii=False) if args.json else
          f"演示数据 Demo data: {summary['stored']} stored, {summary['rejected']} rejected "
          f"(deliberate mistakes), {summary['buildings']} buildings → {summary['db']}")
    return 0


def cmd_roster(args) -> int:
    from surveys.intake import read_bounded
    from surveys.roster import import_roster

    path = Path(args.file)
    if not path.is_file():
        print(f"找不到文件 File not found: {path}", file=sys.stderr)
        return 2
    with SurveyStore(args.db) as store:
        try:
            roster_id, report = import_roster(store, read_bounded(path), path.name)
        except UnreadableFile as refusal:
            refusal.print(path.name)
            return 2
    if roster_id is None:
        print(report.to_text())
        return 1
    print(f"名单已导入 Roster imported (#{roster_id}); {report.n_warnings} warnings")
    return 0


def cmd_completeness(args) -> int:
    from sheets.export_safety import neutralise_frame
    from surveys.roster import completeness

    with SurveyStore(args.db) as store:
        table = completeness(store)
    if args.csv:
        neutralise_frame(table).to_csv(args.csv, index=False, encoding="utf-8-sig")
        print(f"已写出 Written: {args.csv}")
    elif args.json:
        print(table.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        expected = table[table["on_roster"]]
        print(f"名单 roster: {len(expected)}; 已提交 submitted: {int(expected['submitted'].sum())}; "
              f"未提交 missing: {int((~expected['submitted']).sum())}; 名单外 not on roster: "
              f"{int((~table['on_roster']).sum())}")
        missing = expected[~expected["submitted"]]
        if not missing.empty:
            print(missing[["school_code", "school_name", "district"]].to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m surveys",
                                     description="建筑楼宇面积调研表 Building-area survey intake")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("template", help="写出空白调研表模板 write the blank template")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("check", help="检查调研表 check a sheet (exit 0 ok, 1 errors, 2 unreadable)")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--db", default=None, help="read with the column mappings saved in this "
                   "DuckDB file (default $CAMPUS_ENERGY_DB or data/; nothing is written)")
    p.add_argument("--mapping", default=None, metavar="FILE",
                   help="read with a saved column mapping (JSON of `mappings export`)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("import", help="校验并导入 validate and store, all or nothing per file")
    p.add_argument("files", nargs="+")
    p.add_argument("--db", default=None, help="DuckDB file (default $CAMPUS_ENERGY_DB or data/)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--demo", action="store_true", help="mark as demo data")
    p.add_argument("--mapping", default=None, metavar="FILE",
                   help="read with a saved column mapping (JSON of `mappings export`)")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("history", help="提交记录 submission history")
    p.add_argument("--db", default=None)
    p.add_argument("--school", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("demo", help="生成并导入演示数据 generate and import demo data")
    p.add_argument("--db", default=None)
    p.add_argument("--schools", type=int, default=300)
    p.add_argument("--seed", type=int, default=20261124)
    p.add_argument("--out", default=None, help="also keep the generated sheets here")
    p.add_argument("--if-empty", action="store_true", help="only when the database is empty")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("roster", help="导入应提交学校名单 import the roster of expected schools")
    p.add_argument("file")
    p.add_argument("--db", default=None)
    p.set_defaults(func=cmd_roster)
    p = sub.add_parser("completeness", help="提交情况 who has submitted, data gaps")
    p.add_argument("--db", default=None)
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", default=None, help="write the table as CSV (UTF-8 with BOM)")
    p.set_defaults(func=cmd_completeness)
    access_cli.add_commands(sub)
    round_cli.add_commands(sub)   # round, reminders
    mappings_cli.add_commands(sub)  # mappings list|export|import|delete
    backup_cli.add_commands(sub)  # backup, restore
    return parser


def main(argv: list[str] | None = None) -> int:
    private_files()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DatabaseBusy as busy:
        print(f"{busy.message_zh}\n{busy.message_en}", file=sys.stderr)
        return BUSY_EXIT
    except Exception as exc:  # a user sees one clear line, never a stack trace
        if os.environ.get("CAMPUS_ENERGY_DEBUG"):
            raise
        print(f"出现意外错误，请联系管理员 Unexpected error, please contact the administrator: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
