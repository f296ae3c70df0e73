"""Command line: ``python -m energy.subsidy template|review-template|rubric|check|rank|clarify|
scoring|demo|runs|rounds|round-open|round-decide|history|outcome``.

Exit codes: 0 fine; 1 a sheet or the rubric has errors (nothing stored, located bilingual
report printed); 2 unreadable or refused input, a missing file or bad arguments.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from energy.subsidy.intake import APPLICATIONS, REVIEWS, check_file
from energy.subsidy.rubric import (
    CAP_GROUPS,
    CAP_KINDS,
    Cap,
    RubricError,
    default_rubric_text,
    load_rubric,
)
from energy.subsidy.template import write_application_template, write_review_template
from sheets.cells import NumberProblem, parse_number
from sheets.reader import UnreadableFile
from surveys.schema import UNIT_FACTORS


class UsageError(Exception):
    """Bad arguments (exit 2), with a bilingual message."""


def _existing(path: str | None) -> Path | None:
    if path is not None and not Path(path).is_file():
        raise UsageError(f"找不到文件 File not found: {path}")
    return None if path is None else Path(path)


def budget(text: str) -> float:
    """``--budget-cny`` as CNY: ``5000000``, ``5,000,000`` or ``500万``."""
    try:
        value = parse_number(text, UNIT_FACTORS["cny"])
    except NumberProblem:
        value = None
    if value is None or not value > 0:
        raise UsageError(f"预算应为正数（元，可写 500万） Budget must be a positive amount in CNY "
                         f"(e.g. 5000000 or 500万): {text!r}")
    return value


def cap(text: str) -> Cap:
    """``--cap GROUP:KIND:LIMIT``, e.g. ``district:share:0.3`` or ``school_code:count:1``."""
    parts = text.split(":")
    try:
        group, kind, limit = parts[0], parts[1], float(parts[2])
    except (IndexError, ValueError):
        group, kind, limit = "", "", 0.0
    if len(parts) != 3 or group not in CAP_GROUPS or kind not in CAP_KINDS or not limit > 0:
        raise UsageError(f"限额格式应为 组:类型:数值 Cap must be GROUP:KIND:LIMIT with GROUP in "
                         f"{'/'.join(CAP_GROUPS)}, KIND in {'/'.join(CAP_KINDS)}: {text!r}")
    return Cap(group, kind, limit)


# --- commands ----------------------------------------------------------------------------

def cmd_template(args) -> int:
    write_application_template(args.out)
    print(f"已生成申请表模板 Application template written: {args.out}")
    return 0


def cmd_review_template(args) -> int:
    write_review_template(args.out, reviewer_id=args.reviewer)
    print(f"已生成专家评分表模板 Expert-score template written: {args.out}")
    return 0


def cmd_rubric(args) -> int:
    Path(args.out).write_text(default_rubric_text(), encoding="utf-8")
    print(f"已写出默认评分细则（可修改） Default rubric written (edit it): {args.out}")
    return 0


def _school_use(db: str | None) -> dict[str, float] | None:
    """Annual electricity use [kWh/yr] by school code from the survey store (``--db``)."""
    if db is None:
        return None
    from energy.subsidy.store import SubsidyStore

    with SubsidyStore(db) as store:
        schools = store.survey.current_schools()
    if schools.empty:
        return {}
    known = schools.dropna(subset=["annual_electricity_kwh"])
    return dict(zip(known["school_code"], known["annual_electricity_kwh"].astype(float)))


def cmd_check(args) -> int:
    path = _existing(args.file)
    try:
        use = None if args.reviews else _school_use(args.db)
        result = check_file(path, REVIEWS if args.reviews else APPLICATIONS, school_use=use)
    except UnreadableFile as refusal:
        refusal.print(path.name, args.json)
        return 2
    print(result.report.to_json() if args.json else result.report.to_text())
    return 0 if result.ok else 1


def _print_reports(reports, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"ok": False, "reports": [r.to_dict() for r in reports]},
                         ensure_ascii=False, indent=2))
    else:
        print("\n".join(r.to_text() for r in reports))


def _warn(imports) -> None:
    for result in imports:
        if result.report is not None and result.report.warnings:
            print(result.report.to_text(), file=sys.stderr)


def _import_sheets(store, args):
    """Store the sheets; returns (applications, reviews) imports or an exit code."""
    from energy.subsidy.store import REJECTED, UNREADABLE

    apps = store.import_file(args.applications, APPLICATIONS)
    ids = list(apps.frame["application_id"]) if apps.frame is not None else None
    reviews = store.import_file(args.reviews, REVIEWS, application_ids=ids) \
        if args.reviews else None
    done = [r for r in (apps, reviews) if r is not None]
    for result in done:
        if result.status == UNREADABLE:
            result.refusal.print(result.file_name, args.json)
            return 2
    rejected = [r.report for r in done if r.status == REJECTED]
    if rejected:
        _print_reports(rejected, args.json)
        return 1
    _warn(done)
    return apps, reviews


def _summary(result, out: Path, csv_path: Path, run_id: int) -> str:
    p = result.parameters
    lines = [f"入围 Shortlisted: {p['shortlist_n']} / {p['n_eligible']} eligible "
             f"({p['n_applications']} applications), {p['shortlist_total_cny']:,.0f} of "
             f"{result.budget_cny:,.0f} CNY, total score {p['shortlist_total_score']:.2f} "
             f"(rank-order fill {p['rank_fill_total_score']:.2f})"]
    for r in result.shortlist.itertuples():
        mark = " 边缘 borderline" if r.borderline else ""
        lines.append(f"  #{r.rank:<4} {r.application_id:<16} {r.score:6.2f}  "
                     f"{r.subsidy_requested_cny:>12,.0f}  p={r.shortlist_probability:.2f}{mark}")
    lines.append(f"已写出 Written: {out}, {csv_path} (run {run_id})")
    return "\n".join(lines)


def cmd_rank(args) -> int:
    from energy.subsidy.export import write_csv, write_workbook
    from energy.subsidy.ranking import SurveyData, rank_applications
    from energy.subsidy.store import SubsidyStore

    for path in (args.applications, args.reviews, args.rubric):
        _existing(path)
    amount = None if args.budget_cny is None else budget(args.budget_cny)
    caps = tuple(cap(c) for c in args.cap) if args.cap else None
    with SubsidyStore(args.db, args.round) as store:
        the_round = _round_of(store)
        try:
            rubric = the_round.rubric() if args.rubric is None else load_rubric(args.rubric)
        except RubricError as error:
            _print_reports([error.report], args.json)
            return 1
        if args.combine is not None:
            rubric = rubric.replace(parameters=dataclasses.replace(
                rubric.parameters, expert_combination=args.combine))
        imported = _import_sheets(store, args)
        if isinstance(imported, int):
            return imported
        apps, reviews = imported
        if amount is None:
            amount = _round_budget(the_round, apps.frame)
        result = rank_applications(
            apps.frame, SurveyData.from_store(store.survey), amount, rubric,
            None if reviews is None else reviews.frame, caps or the_round.caps(),
            data_version=f"applications upload {apps.upload_id} ({apps.sha256[:12]})"
            + (f", reviews upload {reviews.upload_id}" if reviews else ""),
            clarifications=store.clarifications())
        out = Path(args.out)
        csv_path = Path(args.csv) if args.csv else out.with_suffix(".csv")
        write_workbook(result, out)
        write_csv(result, csv_path)
        run_id = store.record_run(result)
    print(result.to_json() if args.json else _summary(result, out, csv_path, run_id))
    return 0


def _round_of(store):
    """The store's round, or a usage error naming the rounds there are."""
    from energy.subsidy.rounds import get_round

    try:
        return get_round(store)
    except KeyError:
        raise UsageError(f"找不到轮次 No such round: {store.round_id}") from None


def _round_budget(the_round, applications) -> float:
    from energy.subsidy.rounds import budget_of

    found = budget_of(the_round, applications)
    if found.is_default:
        print(f"{found.note('zh')} {found.note('en')}: {found.amount_cny:,.0f} CNY",
              file=sys.stderr)
    return found.amount_cny


def _print_frame(frame, as_json: bool, empty: str) -> None:
    if as_json:
        print(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        print(frame.to_string(index=False) if len(frame) else empty)


def cmd_rounds(args) -> int:
    from energy.subsidy.rounds import rounds
    from energy.subsidy.store import SubsidyStore

    with SubsidyStore(args.db) as store:
        frame = rounds(store)
    _print_frame(frame, args.json, "暂无轮次 No rounds yet")
    return 0


def cmd_round_open(args) -> int:
    from energy.subsidy.rounds import RoundRefused, open_round
    from energy.subsidy.store import SubsidyStore

    amount = None if args.budget_cny is None else budget(args.budget_cny)
    with SubsidyStore(args.db) as store:
        try:
            opened = open_round(store, args.name, args.by, args.from_round, amount)
        except RoundRefused as error:
            raise UsageError(str(error)) from error
    if args.json:
        print(json.dumps({"round_id": opened.round_id, "name": opened.name,
                          "from_round": opened.from_round, "budget_cny": opened.budget_cny,
                          "rubric_sha256": opened.rubric_sha256}, ensure_ascii=False))
    else:
        print(f"已开启轮次 Round opened: {opened.name} ({opened.round_id})"
              + (f", 评分细则沿用 rubric from {opened.from_round}" if opened.from_round else ""))
    return 0


def cmd_round_decide(args) -> int:
    from energy.subsidy.outcomes import OutcomeRefused, decide_round
    from energy.subsidy.store import SubsidyStore

    with SubsidyStore(args.db, args.round) as store:
        _round_of(store)
        try:
            awarded = decide_round(store, args.run_id, args.by)
        except (OutcomeRefused, KeyError) as error:
            raise UsageError(str(error)) from error
    print(json.dumps({"awarded": awarded}, ensure_ascii=False) if args.json else
          f"已决定 Decided: {len(awarded)} 个项目获奖补 projects awarded")
    return 0


def cmd_history(args) -> int:
    from energy.subsidy.history import school_history
    from energy.subsidy.store import SubsidyStore

    with SubsidyStore(args.db) as store:
        frame = school_history(store, args.school)
    _print_frame(frame, args.json, f"该校没有申请记录 No applications of {args.school}")
    return 0


def cmd_outcome(args) -> int:
    from energy.subsidy.outcomes import OutcomeRefused, record_outcome
    from energy.subsidy.store import SubsidyStore

    measured = None if args.measured_kwh is None else budget_kwh(args.measured_kwh)
    with SubsidyStore(args.db, args.round) as store:
        try:
            record_outcome(store, args.application_id, args.status, args.by, measured,
                           args.note)
        except OutcomeRefused as error:
            raise UsageError(str(error)) from error
    print(f"已记录 Recorded: {args.application_id} → {args.status}"
          + (f" ({measured:,.0f} kWh)" if measured is not None else ""))
    return 0


def _claim_of(store, application_id: str) -> float:
    """The current claim of an application [kWh/yr]: its PV yield or its saving."""
    from energy.subsidy.schema import PV

    apps = store.current_applications()
    hit = apps[apps["application_id"] == application_id]
    if hit.empty:
        raise UsageError(f"找不到申请 No such application: {application_id}")
    row = hit.iloc[0]
    return float(row["claimed_annual_pv_kwh"] if row["project_type"] == PV
                 else row["claimed_annual_saving_kwh"])


def cmd_clarify(args) -> int:
    from energy.subsidy.store import SubsidyStore

    if (args.confirm is False) == (args.correct_kwh is None):
        raise UsageError("请给出 --confirm 或 --correct-kwh 之一 Give --confirm or --correct-kwh")
    with SubsidyStore(args.db, args.round) as store:
        _round_of(store)
        claimed = _claim_of(store, args.application_id)
        try:
            store.clarify(args.application_id, "confirmed" if args.confirm else "corrected",
                          claimed, args.by, args.reason,
                          None if args.correct_kwh is None else budget_kwh(args.correct_kwh))
        except ValueError as error:
            raise UsageError(str(error)) from error
    print(f"已记录 Recorded: {args.application_id} "
          + ("确认 confirmed" if args.confirm else f"更正 corrected → {args.correct_kwh} kWh"))
    return 0


def cmd_scoring(args) -> int:
    from energy.subsidy import online
    from energy.subsidy.store import SubsidyStore

    with SubsidyStore(args.db, args.round) as store:
        the_round = _round_of(store)
        if args.action != "status":
            (online.close_scoring if args.action == "close" else online.reopen_scoring)(
                store, args.by)
        is_open = online.scoring_open(store)
    if args.json:
        print(json.dumps({"round_id": the_round.round_id, "scoring_open": is_open}))
    else:
        print(f"{the_round.name}: " + ("评分开放 scoring open" if is_open
                                       else "评分已结束 scoring closed"))
    return 0


def budget_kwh(text: str) -> float:
    """``--correct-kwh`` as kWh: ``120000``, ``120,000`` or ``12万``."""
    try:
        value = parse_number(text, UNIT_FACTORS["kwh"])
    except NumberProblem:
        value = None
    if value is None or not value > 0:
        raise UsageError(f"电量应为正数（kWh） The figure must be a positive kWh amount: {text!r}")
    return value


def cmd_demo(args) -> int:
    from energy.subsidy.demo import seed_demo_applications
    from energy.subsidy.store import SubsidyStore

    with SubsidyStore(args.db) as store:
        try:
            summary = seed_demo_applications(store, args.n, args.seed, args.out)
        except ValueError as error:
            print(f"无法生成演示申请 Cannot generate demo applications: {error}", file=sys.stderr)
            return 2
    print(json.dumps(summary, ensure_ascii=False) if args.json else
          f"演示申请 Demo applications: {summary['applications']}, scores {summary['reviews']}, "
          f"rounds {summary['rounds']}")
    return 0


def cmd_runs(args) -> int:
    from energy.subsidy.store import SubsidyStore

    with SubsidyStore(args.db) as store:
        frame = store.runs(every_round=True)
    _print_frame(frame, args.json, "暂无评审记录 No ranking runs yet")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m energy.subsidy",
        description="生态文明建设示范学校奖补资金评审 Eco-school subsidy review")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("template", help="写出空白申请表 write the blank application template")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("review-template", help="写出专家评分表 write the expert-score template")
    p.add_argument("out")
    p.add_argument("--reviewer", default=None, help="prefill the reviewer ID")
    p.set_defaults(func=cmd_review_template)
    p = sub.add_parser("rubric", help="写出默认评分细则 write the default rubric to edit")
    p.add_argument("out")
    p.set_defaults(func=cmd_rubric)
    p = sub.add_parser("check", help="检查申请表或评分表 check a sheet (exit 0/1/2)")
    p.add_argument("file")
    p.add_argument("--reviews", action="store_true", help="the file is an expert-score sheet")
    p.add_argument("--db", default=None,
                   help="DuckDB file whose surveys check claimed savings against school use")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("rank", help="评分、排序、入围 verify, score, rank and shortlist")
    p.add_argument("applications")
    p.add_argument("--reviews", default=None)
    p.add_argument("--rubric", default=None, help="TOML rubric (default: the shipped one)")
    p.add_argument("--budget-cny", default=None,
                   help="total subsidy, e.g. 5000000 or 500万 (default: the round's budget)")
    p.add_argument("--round", default=None,
                   help="round the sheets belong to and rank in (default: the current one)")
    p.add_argument("--cap", action="append", default=None,
                   help="GROUP:KIND:LIMIT, replaces the rubric's caps (repeatable)")
    p.add_argument("--combine", choices=("trimmed_mean", "zscore"), default=None,
                   help="expert scores as given (trimmed mean) or z-scored per reviewer "
                        "(default: the rubric's expert_combination)")
    p.add_argument("--db", default=None, help="DuckDB file (default $CAMPUS_ENERGY_DB or data/)")
    p.add_argument("--out", required=True, help="workbook to write (.xlsx)")
    p.add_argument("--csv", default=None, help="CSV to write (default: beside --out)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rank)
    p = sub.add_parser("clarify", help="确认或更正待核实的申报值 confirm or correct a held claim")
    p.add_argument("application_id")
    p.add_argument("--confirm", action="store_true", help="the claim stands as stated")
    p.add_argument("--correct-kwh", default=None, help="the corrected annual figure [kWh]")
    p.add_argument("--reason", required=True, help="why (recorded in the audit log)")
    p.add_argument("--by", required=True, help="committee member deciding")
    p.add_argument("--round", default=None, help="the application's round (default: current)")
    p.add_argument("--db", default=None)
    p.set_defaults(func=cmd_clarify)
    p = sub.add_parser("scoring", help="专家在线评分的开放状态 open/close a round's online scoring")
    p.add_argument("action", choices=("status", "close", "reopen"))
    p.add_argument("--round", default=None, help="the round (default: the current one)")
    p.add_argument("--by", default="cli", help="the chair")
    p.add_argument("--db", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_scoring)
    p = sub.add_parser("demo", help="生成演示申请 generate and store demo applications")
    p.add_argument("--db", default=None)
    p.add_argument("--n", type=int, default=60)
    p.add_argument("--seed", type=int, default=20261124)
    p.add_argument("--out", default=None, help="also keep the generated sheets here")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("runs", help="评审记录 ranking runs")
    p.add_argument("--db", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_runs)
    p = sub.add_parser("rounds", help="评审轮次 list the rounds")
    p.add_argument("--db", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rounds)
    p = sub.add_parser("round-open", help="开启新一轮 open a round, e.g. 2027年度")
    p.add_argument("name")
    p.add_argument("--from-round", default=None, help="copy this round's rubric (e.g. 2026)")
    p.add_argument("--budget-cny", default=None, help="the round's budget, if known")
    p.add_argument("--by", default="cli", help="committee member opening it")
    p.add_argument("--db", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_round_open)
    p = sub.add_parser("round-decide", help="按一次排序决定本轮 award a run's shortlist")
    p.add_argument("run_id", type=int)
    p.add_argument("--round", default=None)
    p.add_argument("--by", default="cli")
    p.add_argument("--db", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_round_decide)
    p = sub.add_parser("history", help="学校历年申请 a school's applications across rounds")
    p.add_argument("school", help="school code")
    p.add_argument("--db", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("outcome", help="记录项目进展 record a funded project's next step")
    p.add_argument("application_id")
    p.add_argument("--status", required=True,
                   choices=("awarded", "under_construction", "accepted"))
    p.add_argument("--measured-kwh", default=None,
                   help="at acceptance: measured first-year saving or generation [kWh]")
    p.add_argument("--note", default=None)
    p.add_argument("--round", default=None)
    p.add_argument("--by", default="cli")
    p.add_argument("--db", default=None)
    p.set_defaults(func=cmd_outcome)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
