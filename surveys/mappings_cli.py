"""Command line for column-mapping profiles: ``python -m surveys mappings list|export|import|delete``,
and the mapping ``check``/``import`` print for each file they read.

Exit codes as the rest of ``python -m surveys``: 0 fine, 1 nothing to delete, 2 a bad file
or argument.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from core import profiles
from core.config import db_path
from core.store import snapshot_path
from sheets.mapping import mapping_lines, mapping_used
from surveys.mappings import known_fields, merged_profiles
from surveys.store import SurveyStore

ACTOR = "cli"


# --- what check and import print -----------------------------------------------------------

def sheets_data(sheets: list) -> list[dict]:
    """Each sheet's mapping as data (``--json``): sheet, layout signature, whether a saved
    profile was applied, and every header's reading (:func:`sheets.mapping.mapping_used`)."""
    return [{"sheet": p.sheet, "signature": p.signature, "profile_applied": p.profile_applied,
             "mapping": mapping_used(p)} for p in sheets if p is not None and p.mapping]


def print_mapping(sheets: list) -> None:
    """The mapping each sheet was read with, under the file's report or import line."""
    for parsed in sheets:
        for line in mapping_lines(parsed):
            print(line)


def warn_unused_file(sheets: list, mapping_file: str | None, given: dict) -> None:
    """Say so when ``--mapping FILE`` held no profile for any layout of the file read."""
    if mapping_file is None:
        return
    if not any(p.profile_applied and p.signature in given for p in sheets):
        found = ", ".join(p.signature for p in sheets if p.signature) or "-"
        print(f"列对应文件 {mapping_file} 中没有此表格式的配置（格式签名 {found}），按系统识别读取。\n"
              f"The mapping file {mapping_file} has no profile for this layout (signature "
              f"{found}); read with the reader's own matching.", file=sys.stderr)


def profiles_for_check(db: str | None, mapping_file: str | None) -> tuple[dict, dict]:
    """``(profiles to read with, those of the mapping file)`` for ``check``, which writes
    nothing: the saved ones come from the published read-only snapshot, if there is one."""
    given = merged_profiles(None, "survey", mapping_file) if mapping_file else {}
    snap = snapshot_path(db or db_path())
    if not snap.exists():
        return given, given
    with SurveyStore(snap, read_only=True) as store:
        saved = merged_profiles(store, "survey")
    return {**saved, **given}, given


def profiles_for_import(store: SurveyStore, mapping_file: str | None) -> tuple[dict, dict]:
    """``(profiles to read with, those of the mapping file)`` for ``import``."""
    given = merged_profiles(None, "survey", mapping_file) if mapping_file else {}
    return {**merged_profiles(store, "survey"), **given}, given


def refused(error: profiles.ProfileError) -> int:
    print(f"{error.message_zh}\n{error.message_en}", file=sys.stderr)
    return 2


# --- python -m surveys mappings … ----------------------------------------------------------

def _list_text(items: list[profiles.Profile]) -> None:
    if not items:
        print("暂无已保存的列对应 No saved column mappings")
        return
    for p in items:
        print(f"{p.signature}  {p.spec_name}  {len(p.headers)} 列 headers, {p.n_read} 读取 read; "
              f"保存 saved {p.created_by} {p.created_at:%Y-%m-%d %H:%M}; 修改 updated "
              f"{p.updated_by} {p.updated_at:%Y-%m-%d %H:%M}; 使用 used {p.times_used}×")
        for header in p.headers or tuple(p.mapping):
            print(f"    {header} → {p.mapping.get(header) or '—（不读取 not read）'}")


def cmd_list(args) -> int:
    with SurveyStore(args.db) as store:
        items = profiles.list_profiles(store, args.spec)
    if args.json:
        print(json.dumps([p.to_dict() for p in items], ensure_ascii=False, indent=2))
    else:
        _list_text(items)
    return 0


def cmd_export(args) -> int:
    with SurveyStore(args.db) as store:
        n = profiles.write_export(store, args.out, args.spec)
    print(f"已导出 {n} 个列对应 Exported {n} column mappings: {args.out}")
    return 0


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"找不到文件 File not found: {path}", file=sys.stderr)
        return 2
    with open(path, "rb") as handle:
        data = handle.read(profiles.MAX_FILE_BYTES + 1)
    with SurveyStore(args.db) as store:
        try:
            n = profiles.import_profiles(store, data, ACTOR, known_fields())
        except profiles.ProfileError as error:
            return refused(error)
    print(f"已导入 {n} 个列对应 Imported {n} column mappings")
    return 0


def cmd_delete(args) -> int:
    with SurveyStore(args.db) as store:
        found = profiles.delete_profile(store, args.signature, ACTOR)
    print(f"已删除 Deleted: {args.signature}" if found else
          f"没有该列对应 No such mapping: {args.signature}")
    return 0 if found else 1


def add_commands(sub) -> None:
    """Add ``mappings list|export|import|delete`` to the ``python -m surveys`` parser."""
    top = sub.add_parser("mappings", help="已保存的列对应 saved column mappings")
    actions = top.add_subparsers(dest="action", required=True)
    p = actions.add_parser("list", help="列出 list them")
    p.add_argument("--spec", default=None, help="survey or roster (default: all)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = actions.add_parser("export", help="导出为 JSON export as JSON (for --mapping)")
    p.add_argument("out")
    p.add_argument("--spec", default=None)
    p.set_defaults(func=cmd_export)
    p = actions.add_parser("import", help="从导出的 JSON 导入 import an exported JSON file")
    p.add_argument("file")
    p.set_defaults(func=cmd_import)
    p = actions.add_parser("delete", help="删除一个 delete one (by signature)")
    p.add_argument("signature")
    p.set_defaults(func=cmd_delete)
    for action in actions.choices.values():
        action.add_argument("--db", default=None,
                            help="DuckDB file (default $CAMPUS_ENERGY_DB or data/)")
