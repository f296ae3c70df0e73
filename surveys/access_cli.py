"""Command line for access: ``python -m surveys account …`` and ``python -m surveys code …``."""

from __future__ import annotations

import getpass
import sys

from core import access
from sheets.cells import canonical_school_code
from surveys.store import SurveyStore


def _password(args) -> str:
    if args.random:
        return access.random_password()
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码 Password: ")
    if first != getpass.getpass("再输入一次 Again: "):
        raise access.AccessDenied("bad_login")
    return first


def cmd_account(args) -> int:
    if args.action == "add":
        try:
            password = _password(args)
            access.add_account(args.name, password)
        except access.AccessDenied as denied:
            print(f"{denied.message_zh} / {denied.message_en}", file=sys.stderr)
            return 1
        print(f"已创建委员会账户 Committee account created: {args.name}  ({access.accounts_path()})")
        if args.random:
            print(f"初始密码（只显示这一次）Initial password (shown once): {password}")
        return 0
    if args.action == "ensure-demo":
        if access.load_accounts():
            return 0
        password = access.random_password()
        access.add_account("demo", password)
        print(f"演示委员会账户 Demo committee account: demo / {password}  "
              f"（只显示这一次 shown once; 重置 reset: python -m surveys account add demo --random）")
        return 0
    if args.action == "remove":
        found = access.remove_account(args.name)
        print("已删除 Removed" if found else "没有该账户 No such account")
        return 0 if found else 1
    for name, account in sorted(access.load_accounts().items()):
        print(f"{name}\t{account['created_at']}")
    return 0


def _refuse_code_arguments(args) -> str | None:
    """What is wrong with ``code issue|revoke`` arguments, in both languages, or None."""
    if args.action == "issue":
        if not args.school:
            return "请用 --school 指定学校代码。 Name the school with --school CODE."
        if not access.MIN_CODE_DAYS <= args.days <= access.MAX_CODE_DAYS:
            return (f"--days 应在 {access.MIN_CODE_DAYS} 到 {access.MAX_CODE_DAYS} 之间"
                    f"（现为 {args.days}）。 --days must be between {access.MIN_CODE_DAYS} and "
                    f"{access.MAX_CODE_DAYS} (got {args.days}).")
        if canonical_school_code(args.school) is None:
            return (f"“{args.school}”不是有效的学校代码（只能是字母和数字）。 "
                    f"'{args.school}' is not a valid school code (letters and digits only).")
    if args.action == "issue-all":
        if not access.MIN_CODE_DAYS <= args.days <= access.MAX_CODE_DAYS:
            return (f"--days 应在 {access.MIN_CODE_DAYS} 到 {access.MAX_CODE_DAYS} 之间"
                    f"（现为 {args.days}）。 --days must be between {access.MIN_CODE_DAYS} and "
                    f"{access.MAX_CODE_DAYS} (got {args.days}).")
        if not args.out or not args.out.lower().endswith(".xlsx"):
            return ("请用 --out 指定发放表文件（.xlsx）。 Name the distribution sheet with "
                    "--out FILE.xlsx.")
    if args.action == "revoke" and args.id is None and not args.school:
        return "请用 --id 或 --school 指定要撤销的上传码。 Name the code with --id or --school."
    return None


def cmd_code(args) -> int:
    problem = _refuse_code_arguments(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    with SurveyStore(args.db) as store:
        if args.action == "issue":
            args.school = canonical_school_code(args.school)
            code_id, code = access.issue_code(store, args.school, "cli", args.days)
            print(f"学校 {args.school} 的上传码（只显示这一次）Upload code for {args.school} "
                  f"(shown once), id {code_id}, {args.days} days:\n{code}")
        elif args.action == "issue-all":
            return _issue_all(store, args)
        elif args.action == "revoke":
            revoked = access.revoke_codes(store, "cli", code_id=args.id, school_code=args.school)
            print(f"已撤销 Revoked: {revoked or '无 none'}")
            return 0 if revoked else 1
        else:
            print(access.upload_codes(store).to_string(index=False))
    return 0


def _issue_all(store: SurveyStore, args) -> int:
    """``code issue-all``: a code for every school, the distribution sheet written at once."""
    from pathlib import Path

    from surveys.round import current_round, distribution_sheet, issue_round_codes

    out = Path(args.out)
    if not out.parent.is_dir():
        print(f"找不到文件夹 Folder not found: {out.parent}", file=sys.stderr)
        return 2
    try:
        issued = issue_round_codes(store, "cli", args.days, args.district, args.without_code)
    except ValueError as unknown:   # a district that is none
        print(unknown, file=sys.stderr)
        return 2
    if issued.empty:
        print("没有需要发放上传码的学校 No school to issue a code to.")
        return 1
    out.write_bytes(distribution_sheet(issued, current_round(store)))
    print(f"已为 {len(issued)} 所学校发放上传码（{args.days} 天），发放表：{out}\n"
          f"Issued upload codes to {len(issued)} schools ({args.days} days); distribution "
          f"sheet: {out} (the codes are in this file only)")
    return 0


def add_commands(sub) -> None:
    """Add the ``account`` and ``code`` subcommands to the surveys CLI."""
    p = sub.add_parser("account", help="委员会账户 committee accounts (salted scrypt hashes)")
    p.add_argument("action", choices=["add", "remove", "list", "ensure-demo"])
    p.add_argument("name", nargs="?", default="")
    p.add_argument("--random", action="store_true", help="generate and print a password")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_account)
    p = sub.add_parser("code", help="学校上传码 school upload codes")
    p.add_argument("action", choices=["issue", "issue-all", "revoke", "list"])
    p.add_argument("--school", default=None)
    p.add_argument("--id", type=int, default=None)
    p.add_argument("--days", type=int, default=access.DEFAULT_CODE_DAYS,
                   help=f"有效天数 days valid ({access.MIN_CODE_DAYS}–{access.MAX_CODE_DAYS})")
    p.add_argument("--district", default=None, help="issue-all: 只发该区 one district only")
    p.add_argument("--without-code", action="store_true",
                   help="issue-all: 只发给没有有效上传码的学校 only schools without an active code")
    p.add_argument("--out", default=None, help="issue-all: 发放表 distribution sheet (.xlsx)")
    p.add_argument("--db", default=None)
    p.set_defaults(func=cmd_code)
